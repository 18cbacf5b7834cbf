package io.pvebench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A two-node 9.2 twin answering every command over real SSH (JSch). */
class SimClusterTest {

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

    static String resource(String path) throws IOException {
        try (InputStream in = SimClusterTest.class.getResourceAsStream("/sim/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyNodeListensOnLoopbackWithAnEd25519HostKey() {
        assertThat(cluster.nodes()).extracting(SimNodeEndpoint::name).containsExactly("pve1", "pve2");
        assertThat(cluster.knownHosts().split("\n")).hasSize(2)
                .allMatch(l -> l.matches("\\[127\\.0\\.0\\.1]:\\d+ ssh-ed25519 AAAA[0-9A-Za-z+/=]+"));
        assertThat(cluster.knownHosts()).endsWith("\n");
    }

    @Test
    void pveversionPrintsManagerAndKernelOfTheProfile() throws Exception {
        SshClient.Result r = ssh.run("pve1", "pveversion");
        assertThat(r.exitStatus()).isZero();
        assertThat(r.stdout()).matches("pve-manager/9\\.2\\.11/[0-9a-f]{16} \\(running kernel: 7\\.0\\.\\d+-\\d+-pve\\)\n");
        String verbose = ssh.run("pve1", "pveversion -v").stdout();
        assertThat(verbose).startsWith("proxmox-ve: 9.2.0 (running kernel: 7.0.")
                .contains("\npve-manager: 9.2.11 (running version: 9.2.11/")
                .contains("\nqemu-server: 9.2.6\n", "\npve-ha-manager: 5.2.0\n", "\ncorosync: 3.1.9-pve2\n",
                        "\npve-qemu-kvm: 11.0.0-1\n");
    }

    @Test
    void pvecmStatusHasTheSectionsAndRowsOfRealOutput() throws Exception {
        SshClient.Result r = ssh.run("pve2", "pvecm status");
        assertThat(r.exitStatus()).isZero();
        String out = r.stdout();
        // section headers and label layout as in the published sample
        String sample = resource("proxmox/pve8-2node-qdevice.txt");
        for (String line : sample.split("\n")) {
            if (line.matches("[A-Z][a-z]+ information|-+")) {
                assertThat(out).contains(line + "\n");
            }
        }
        assertThat(out).contains("Name:             sim\n", "Transport:        knet\n", "Secure auth:      on\n",
                "Quorum provider:  corosync_votequorum\n", "Nodes:            2\n", "Node ID:          0x00000002\n",
                "Quorate:          Yes\n", "Expected votes:   2\n", "Total votes:      2\n",
                "Quorum:           2  \n", "Flags:            Quorate \n", "    Nodeid      Votes Name\n",
                "0x00000001          1 10.0.99.11\n", "0x00000002          1 10.0.99.12 (local)\n");
        assertThat(out).containsPattern("Date:             \\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}\n");
        assertThat(out).containsPattern("Ring ID:          1\\.[0-9a-f]+\n");
    }

    @Test
    void clusterResourcesCarryThe92FieldSet() throws Exception {
        SshClient.Result r = ssh.run("pve1", "pvesh get /cluster/resources --output-format json");
        assertThat(r.exitStatus()).isZero();
        assertThat(r.stdout()).startsWith("[{\"").endsWith("}]\n").doesNotContain(" ");
        JsonNode all = JSON.readTree(r.stdout());
        List<String> ids = new ArrayList<>();
        all.forEach(e -> ids.add(e.get("id").asText()));
        assertThat(ids).containsExactly("qemu/100", "qemu/101", "node/pve1", "node/pve2", "storage/pve1/local",
                "storage/pve1/local-lvm", "storage/pve2/local", "storage/pve2/local-lvm");
        JsonNode vm = all.get(0);
        assertThat(fieldNames(vm)).containsExactly("cpu", "disk", "diskread", "diskwrite", "id", "maxcpu", "maxdisk",
                "maxmem", "mem", "memhost", "name", "netin", "netout", "node", "status", "template", "type",
                "uptime", "vmid");
        JsonNode node = all.get(2);
        assertThat(fieldNames(node)).contains("host-arch", "cgroup-mode", "cpu", "mem", "uptime", "level")
                .doesNotContain("hastate");
        assertThat(node.get("cpu").asDouble()).isBetween(0.0, 1.0);
        JsonNode vmsOnly = JSON.readTree(ssh.run("pve1", "pvesh get /cluster/resources --type vm --output-format json")
                .stdout());
        assertThat(vmsOnly).hasSize(2);
    }

    @Test
    void clusterStatusListsTheClusterAndEveryNode() throws Exception {
        JsonNode all = JSON.readTree(ssh.run("pve2", "pvesh get /cluster/status --output-format json").stdout());
        assertThat(all.get(0).toString())
                .isEqualTo("{\"id\":\"cluster\",\"name\":\"sim\",\"nodes\":2,\"quorate\":1,\"type\":\"cluster\","
                        + "\"version\":2}");
        assertThat(all.get(2).toString()).isEqualTo("{\"id\":\"node/pve2\",\"ip\":\"10.0.99.12\",\"level\":\"\","
                + "\"local\":1,\"name\":\"pve2\",\"nodeid\":2,\"online\":1,\"type\":\"node\"}");
    }

    @Test
    void qmListShowsTheLocalVmsInQmColumns() throws Exception {
        SshClient.Result r = ssh.run("pve1", "qm list");
        String[] lines = r.stdout().split("\n");
        assertThat(lines[0]).isEqualTo("      VMID NAME                 STATUS     MEM(MB)    BOOTDISK(GB) PID       ");
        assertThat(lines[1]).matches("       100 vm100                running    4096              32\\.00 \\d+ *");
        assertThat(lines).hasSize(2);
        assertThat(ssh.run("pve1", "qm status 100").stdout()).isEqualTo("status: running\n");
    }

    @Test
    void guestExecOfAVmOnAnotherNodeFailsLikeQm() throws Exception {
        SshClient.Result r = ssh.run("pve1", "qm guest exec 101 -- hostname");
        assertThat(r.exitStatus()).isEqualTo(255);
        assertThat(r.stderr()).isEqualTo("Configuration file 'nodes/pve1/qemu-server/101.conf' does not exist\n");
    }

    @Test
    void guestExecPrintsPrettyCanonicalJson() throws Exception {
        SshClient.Result r = ssh.run("pve1", "qm guest exec 100 -- 'hostname'");
        assertThat(r.exitStatus()).isZero();
        assertThat(r.stdout()).isEqualTo("{\n   \"exitcode\" : 0,\n   \"exited\" : 1,\n   \"out-data\" : \"vm100\\n\"\n}\n");
        SshClient.Result missing = ssh.run("pve1", "qm guest exec 100 -- nosuchtool");
        assertThat(missing.exitStatus()).isEqualTo(255);
        assertThat(missing.stderr()).startsWith("Agent error: Failed to execute child process");
    }

    @Test
    void guestPingAcrossNodesHasIputilsShapeAndSubMillisecondRtt() throws Exception {
        SshClient.Result r = ssh.run("pve1", "qm guest exec 100 -- ping -c 5 -i 0.2 10.10.10.102");
        JsonNode result = JSON.readTree(r.stdout());
        assertThat(result.get("exitcode").asInt()).isZero();
        String out = result.get("out-data").asText();
        String[] lines = out.split("\n", -1);
        String[] real = resource("ping/c5-i0.2.txt").split("\n", -1);
        assertThat(lines).hasSameSizeAs(real);
        assertThat(lines[0]).isEqualTo("PING 10.10.10.102 (10.10.10.102) 56(84) bytes of data.");
        for (int i = 1; i <= 5; i++) {
            assertThat(lines[i]).matches("64 bytes from 10\\.10\\.10\\.102: icmp_seq=" + i + " ttl=64 time=0\\.[234]\\d\\d ms");
        }
        assertThat(lines[6]).isEmpty();
        assertThat(lines[7]).isEqualTo("--- 10.10.10.102 ping statistics ---");
        assertThat(lines[8]).matches("5 packets transmitted, 5 received, 0% packet loss, time 8\\d\\dms");
        assertThat(lines[9]).matches("rtt min/avg/max/mdev = 0\\.\\d{3}/0\\.\\d{3}/0\\.\\d{3}/0\\.\\d{3} ms");
        assertThat(lines[10]).isEmpty();
    }

    @Test
    void iperf3AcrossNodesReportsAboutLineRateInIperf312Layout() throws Exception {
        assertThat(ssh.run("pve2", "qm guest exec 101 -- iperf3 -s -D -1 -p 5201").exitStatus()).isZero();
        SshClient.Result r = ssh.run("pve1", "qm guest exec 100 --timeout 60 -- iperf3 -c 10.10.10.102 -t 3 -J");
        JsonNode exec = JSON.readTree(r.stdout());
        assertThat(exec.get("exitcode").asInt()).isZero();
        String doc = exec.get("out-data").asText();
        JsonNode report = JSON.readTree(doc);
        JsonNode real = JSON.readTree(resource("iperf3/client-t2.json"));
        assertThat(keyPaths(report)).isEqualTo(keyPaths(real));
        assertThat(doc).startsWith("{\n\t\"start\":\t{\n\t\t\"connected\":\t[{\n\t\t\t\t\"socket\":\t5,");
        assertThat(report.at("/intervals")).hasSize(3);
        double gbps = report.at("/end/sum_received/bits_per_second").asDouble() / 1e9;
        assertThat(gbps).isBetween(9.2, 9.5);
        assertThat(report.at("/end/sum_sent/retransmits").asLong()).isPositive();
        // the -1 server is gone after one client
        JsonNode again = JSON.readTree(JSON.readTree(ssh.run("pve1",
                "qm guest exec 100 -- iperf3 -c 10.10.10.102 -t 1 -J").stdout()).get("out-data").asText());
        assertThat(again.get("error").asText()).isEqualTo("unable to connect to server: Connection refused");
    }

    @Test
    void iperf3WithoutServerPrintsTheRealErrorDocumentAndExitsZero() throws Exception {
        JsonNode exec = JSON.readTree(ssh.run("pve2", "qm guest exec 101 -- iperf3 -c 10.10.10.101 -p 5299 -J").stdout());
        // real iperf3 3.12 -J exits 0 on a connect error (outputs/iperf3/error-no-server.json)
        assertThat(exec.get("exitcode").asInt()).isZero();
        String doc = exec.get("out-data").asText();
        String real = resource("iperf3/client-refused.json");
        assertThat(doc.replaceAll("\"system_info\":\t\"[^\"]*\"", "S")).isEqualTo(real.replaceAll("\"system_info\":\t\"[^\"]*\"", "S"));
    }

    @Test
    void networkGetInterfacesListsLoAndEth0() throws Exception {
        JsonNode ifaces = JSON.readTree(ssh.run("pve1", "qm guest cmd 100 network-get-interfaces").stdout());
        assertThat(ifaces).hasSize(2);
        assertThat(ifaces.get(1).get("name").asText()).isEqualTo("eth0");
        assertThat(ifaces.get(1).at("/ip-addresses/0/ip-address").asText()).isEqualTo("10.10.10.101");
        // one /16 bridge for all guests, so a thousand VMs fit
        assertThat(ifaces.get(1).at("/ip-addresses/0/prefix").asInt()).isEqualTo(16);
    }

    @Test
    void unknownCommandIsBashsCommandNotFound() throws Exception {
        SshClient.Result r = ssh.run("pve1", "frobnicate --now");
        assertThat(r.exitStatus()).isEqualTo(127);
        assertThat(r.stderr()).isEqualTo("bash: line 1: frobnicate: command not found\n");
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every object key path, arrays collapsed to their first element. */
    static List<String> keyPaths(JsonNode node) {
        List<String> paths = new ArrayList<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, List<String> paths) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                paths.add(prefix + "/" + name);
                collect(node.get(name), prefix + "/" + name, paths);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            collect(node.get(0), prefix + "[]", paths);
        }
    }
}
