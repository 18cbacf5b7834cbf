package io.pvebench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pvesh get} without {@code --output-format} over SSH prints pve-common
 * {@code CLIFormatter.pm}'s text tables (utf8 borders, columns from the endpoint's return
 * schema); {@code --output-format json} stays as it was.
 */
class SimPveshTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SimCluster cluster;
    private static SshClient ssh;

    @BeforeAll
    static void startTwin() {
        cluster = SimCluster.start(SimSpec.defaults(2, 42).withTimeScale(50));
        ssh = new SshClient(cluster);
    }

    @AfterAll
    static void stopTwin() {
        cluster.close();
    }

    private static String run(String command) throws Exception {
        SshClient.Result r = ssh.run("pve1", command);
        assertThat(r.stderr()).isEmpty();
        assertThat(r.exitStatus()).isZero();
        return r.stdout();
    }

    private static List<String> titles(String table) {
        String header = table.split("\n")[1];
        return Arrays.stream(header.substring(1, header.length() - 1).split("│")).map(String::strip).toList();
    }

    @Test
    void clusterResourcesIsATableWithTheSchemasColumnsRequiredFirst() throws Exception {
        String out = run("pvesh get /cluster/resources");

        assertThat(out).startsWith("┌─").endsWith("┘\n");
        assertThat(titles(out)).containsExactly("id", "type", "cgroup-mode", "content", "cpu", "disk", "diskread",
                "diskwrite", "hastate", "host-arch", "level", "lock", "maxcpu", "maxdisk", "maxmem", "mem", "memhost",
                "name", "netin", "netout", "network", "network-type", "node", "plugintype", "pool", "protocol", "sdn",
                "shared", "status", "storage", "tags", "template", "uptime", "vmid", "zone-type");
        List<String> ids = Arrays.stream(out.split("\n")).filter(l -> l.startsWith("│ "))
                .map(l -> l.substring(2, l.indexOf(' ', 2))).skip(1).toList();
        assertThat(ids).isSorted().contains("node/pve1", "node/pve2", "storage/pve1/local");
        assertThat(out).containsPattern("│ node/pve1 +│ node +│ +2 │ +│ +\\d+\\.\\d\\d% │")
                .containsPattern("│ +\\d+\\.\\d\\d GiB │");
    }

    @Test
    void humanReadableZeroPrintsRawNumbersAndBadOptionValuesAreRejected() throws Exception {
        String raw = run("pvesh get /cluster/resources --type node --human-readable 0 --noborder --noheader");

        assertThat(raw).doesNotContain("GiB", "%").containsPattern("node/pve1 +node +2 +0\\.\\d+ ");
        SshClient.Result bad = ssh.run("pve1", "pvesh get /version --output-format xml");
        assertThat(bad.exitStatus()).isEqualTo(255);
        assertThat(bad.stderr()).startsWith("400 Parameter verification failed.\noutput-format: value 'xml' does not");
    }

    @Test
    void theJsonFormatIsUnchangedByTheTextDefault() throws Exception {
        JsonNode json = JSON.readTree(run("pvesh get /cluster/resources --output-format json"));
        assertThat(json.isArray()).isTrue();
        assertThat(json.get(0).has("id")).isTrue();
        assertThat(run("pvesh get /version --output-format json")).startsWith("{\"release\":\"9.2\",");
        assertThat(run("pvesh get /version --output-format json-pretty")).startsWith("{\n   \"release\" : ");
    }

    @Test
    void versionIsAKeyValueTable() throws Exception {
        String out = run("pvesh get /version");

        assertThat(out).matches("""
                ┌─────────┬──────────────────┐
                │ key     │ value            │
                ╞═════════╪══════════════════╡
                │ release │ 9\\.2              │
                ├─────────┼──────────────────┤
                │ repoid  │ [0-9a-f]{16} │
                ├─────────┼──────────────────┤
                │ version │ 9\\.2\\.11           │
                └─────────┴──────────────────┘
                """);
    }

    @Test
    void clusterStatusShowsBooleansAsOneAndZeroAndSortsByTheFirstColumn() throws Exception {
        String out = run("pvesh get /cluster/status --noborder");

        String[] lines = out.split("\n");
        assertThat(lines[0]).matches("id +name +type +ip +level +local +nodeid +nodes +online +quorate +version");
        assertThat(lines[1]).startsWith("cluster ");
        assertThat(lines[2]).matches("node/pve1 +pve1 +node +10\\.0\\.99\\.11 +1 +1 +1 +");
        assertThat(lines).hasSize(4);
        assertThat(run("pvesh get /cluster/status --noborder --noheader")).isEqualTo(
                out.substring(out.indexOf('\n') + 1));
    }

    @Test
    void nodeStatusShowsOnlyTheSchemasPropertiesWithNestedDataAsJson() throws Exception {
        String out = run("pvesh get /nodes/pve1/status");

        List<String> keys = Arrays.stream(out.split("\n")).filter(l -> l.startsWith("│ "))
                .map(l -> l.substring(2, l.indexOf(' ', 2))).toList();
        assertThat(keys).containsExactly("key", "boot-info", "cpu", "cpuinfo", "current-kernel", "loadavg", "memory",
                "pveversion", "rootfs");
        assertThat(out).contains("│ boot-info      │ {\"mode\":\"efi\",\"secureboot\":0}");
    }

    @Test
    void vmsAreATableWithoutTheDiskColumnTheSchemaLacks() throws Exception {
        String vms = run("pvesh get /nodes/pve1/qemu");

        assertThat(titles(vms)).startsWith("status", "vmid", "cpu", "cpus", "diskread", "diskwrite", "lock",
                "maxdisk").doesNotContain("disk").endsWith("template", "uptime");
        assertThat(vms).containsPattern("│ running │  100 │ [ 0-9.]+ │    4 │ ");
    }

    @Test
    void aWorkerCallPrintsItsUpidAsPlainTextAndTheTaskListShowsItWithTitles() throws Exception {
        SshClient.Result stop = ssh.run("pve2", "pvesh create /nodes/pve2/qemu/101/status/stop");
        assertThat(stop.exitStatus()).isZero();
        assertThat(stop.stdout()).matches("(?s).*UPID:pve2:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmstop:101:root@pam:\\n");

        String tasks = ssh.run("pve2", "pvesh get /nodes/pve2/tasks").stdout();
        assertThat(titles(tasks)).containsExactly("ID", "Node", "PID", "pstart", "Starttime", "Type", "UPID", "User",
                "Endtime", "Status");
        assertThat(tasks).containsPattern("│ 101 +│ pve2 │ +\\d+ │ +\\d+ │ \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d │ qmstop │ UPID:");
    }

    @Test
    void haResourcesShowOnlyTheSidTheSchemaDeclaresAndHaStatusIsATable() throws Exception {
        assertThat(ssh.run("pve1", "ha-manager add vm:100 --state started").exitStatus()).isZero();

        assertThat(run("pvesh get /cluster/ha/resources")).isEqualTo("""
                ┌────────┐
                │ sid    │
                ╞════════╡
                │ vm:100 │
                └────────┘
                """);
        String status = run("pvesh get /cluster/ha/status/current");
        assertThat(titles(status)).startsWith("id", "node", "status", "type", "armed-state", "crm_state");
        assertThat(status).contains("│ quorum ", "│ service:vm:100 ");
    }

    @Test
    void an84NodeShowsStable8sColumnsAndRawTaskTimes() throws Exception {
        try (SimCluster old = SimCluster.start(SimSpec.defaults(2, 3).withVersion("8.4"))) {
            SshClient client = new SshClient(old);
            List<String> columns = titles(client.run("pve1", "pvesh get /cluster/resources").stdout());
            assertThat(columns).doesNotContain("memhost", "shared", "host-arch", "sdn").contains("template");
            assertThat(titles(client.run("pve1", "pvesh get /nodes/pve1/qemu").stdout()))
                    .doesNotContain("memhost", "pressurecpusome");
            client.run("pve2", "pvesh create /nodes/pve2/qemu/101/status/stop");
            assertThat(client.run("pve2", "pvesh get /nodes/pve2/tasks").stdout())
                    .containsPattern("│ 101 +│ pve2 │ +\\d+ │ +\\d+ │ +\\d{10} │ qmstop │");
            // pve-ha-manager stable-4 declares no items: one headerless column of JSON objects
            client.run("pve1", "ha-manager add vm:100 --state started");
            String ha = client.run("pve1", "pvesh get /cluster/ha/status/current").stdout();
            assertThat(ha.split("\n")[1]).startsWith("│ {\"id\":\"");
            assertThat(ha).doesNotContain("╞");
        }
    }

    @Test
    void theSameCallPrintsTheSameTable() throws Exception {
        assertThat(run("pvesh get /cluster/status")).isEqualTo(run("pvesh get /cluster/status"));
        assertThat(run("pvesh get /version --output-format text")).isEqualTo(run("pvesh get /version"));
    }
}
