package io.pvebench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ha-manager} and the HA API per version profile. */
class SimHaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private SimCluster cluster;
    private SshClient ssh;

    private void start(SimSpec spec) {
        cluster = SimCluster.start(spec, SimQuorumTest.FIXED);
        ssh = new SshClient(cluster);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void statusOn92HasTheFencingLineAndWatchdogStates() throws Exception {
        start(SimSpec.defaults(2, 7).withHaResources("vm:100"));
        assertThat(ssh.run("pve2", "ha-manager status").stdout()).isEqualTo("""
                quorum OK
                master pve1 (active, Wed Nov 25 07:59:57 2026)
                fencing armed (CRM watchdog active)
                lrm pve1 (active, watchdog active, Wed Nov 25 07:59:53 2026)
                lrm pve2 (idle, watchdog standby, Wed Nov 25 07:59:56 2026)
                service vm:100 (pve1, started)
                """);
    }

    @Test
    void statusOn84HasNoFencingLineAndNoWatchdog() throws Exception {
        start(SimSpec.defaults(2, 7).withVersion("8.4").withHaResources("vm:100"));
        assertThat(ssh.run("pve1", "ha-manager status").stdout()).isEqualTo("""
                quorum OK
                master pve1 (active, Wed Nov 25 07:59:57 2026)
                lrm pve1 (active, Wed Nov 25 07:59:53 2026)
                lrm pve2 (idle, Wed Nov 25 07:59:56 2026)
                service vm:100 (pve1, started)
                """);
    }

    @Test
    void withoutResourcesOnlyQuorumAndFencingStandbyShow() throws Exception {
        start(SimSpec.defaults(2, 7));
        assertThat(ssh.run("pve1", "ha-manager status").stdout())
                .isEqualTo("quorum OK\nfencing standby (CRM watchdog standby)\n");
    }

    @Test
    void nonQuorateNodeSaysSoAndLrmStatusAgesWhileItIsCutOff() throws Exception {
        cluster = SimCluster.start(SimSpec.defaults(2, 7).withHaResources("vm:100").withTimeScale(100));
        ssh = new SshClient(cluster);
        java.time.Instant t0 = cluster.model().clock().now();
        cluster.failNode("pve2");
        // 35 model seconds: the status is older than 30 s, and pve1's watchdog (its LRM runs
        // vm:100 and lost quorum) has not reset it yet (that takes 60 s + 10 s, SimHaFencingTest)
        while (java.time.Duration.between(t0, cluster.model().clock().now()).toSeconds() < 35) {
            Thread.sleep(20);
        }
        String status = ssh.run("pve1", "ha-manager status").stdout();
        assertThat(status).startsWith("quorum No quorum on node 'pve1'!\n")
                .containsPattern("\nmaster pve1 \\(old timestamp - dead\\?, .*\\)\n")
                .contains("fencing standby (CRM watchdog standby)\n")
                .containsPattern("\nlrm pve2 \\(old timestamp - dead\\?, watchdog standby, .*\\)\n");
        cluster.recoverNode("pve2");
        assertThat(ssh.run("pve1", "ha-manager status").stdout()).startsWith("quorum OK\n")
                .containsPattern("\nmaster pve1 \\(active, .*\\)\nfencing armed \\(CRM watchdog active\\)\n")
                .containsPattern("\nlrm pve2 \\(idle, watchdog standby, .*\\)\n");
    }

    @Test
    void addRemoveAndTheApiShowTheResources() throws Exception {
        start(SimSpec.defaults(2, 7));
        assertThat(ssh.run("pve1", "ha-manager add vm:101 --state started --comment web").exitStatus()).isZero();
        SshClient.Result twice = ssh.run("pve1", "ha-manager add 101");
        assertThat(twice.exitStatus()).isEqualTo(255);
        assertThat(twice.stderr()).isEqualTo("create resource failed: resource ID 'vm:101' already defined\n");
        assertThat(ssh.run("pve1", "ha-manager add vm:999").stderr())
                .isEqualTo("resource 'vm:999' does not exist in cluster\n");

        JsonNode resources = JSON.readTree(ssh.run("pve2", "pvesh get /cluster/ha/resources --output-format json")
                .stdout());
        assertThat(resources).hasSize(1);
        assertThat(resources.get(0).get("sid").asText()).isEqualTo("vm:101");
        assertThat(resources.get(0).get("state").asText()).isEqualTo("started");
        assertThat(resources.get(0).get("comment").asText()).isEqualTo("web");
        assertThat(resources.get(0).get("digest").asText()).matches("[0-9a-f]{40}");

        JsonNode current = JSON.readTree(ssh.run("pve1", "pvesh get /cluster/ha/status/current --output-format json")
                .stdout());
        JsonNode service = current.get(current.size() - 1);
        assertThat(service.get("status").asText()).isEqualTo("vm:101 (pve2, started)");
        assertThat(service.get("crm_state").asText()).isEqualTo("started");

        JsonNode cr = JSON.readTree(ssh.run("pve1", "pvesh get /cluster/resources --output-format json").stdout());
        assertThat(cr.get(0).has("hastate")).isFalse();
        assertThat(cr.get(1).get("hastate").asText()).isEqualTo("started");
        assertThat(cr.get(2).get("hastate").asText()).isEqualTo("online");

        assertThat(ssh.run("pve1", "ha-manager remove vm:101").exitStatus()).isZero();
        assertThat(ssh.run("pve1", "ha-manager remove vm:101").stderr())
                .isEqualTo("cannot delete service 'vm:101', not HA managed!\n");
        assertThat(ssh.run("pve1", "pvesh get /cluster/ha/resources --output-format json").stdout()).isEqualTo("[]\n");
    }

    @Test
    void groupsWorkOn84AndAreMigratedToRulesOn9() throws Exception {
        start(SimSpec.defaults(2, 7).withVersion("8.4"));
        assertThat(ssh.run("pve1", "ha-manager groupadd g1 --nodes pve1,pve2 --restricted 1").exitStatus()).isZero();
        assertThat(ssh.run("pve1", "ha-manager groupconfig").stdout())
                .isEqualTo("group: g1\n\tnodes pve1,pve2\n\trestricted 1\n\n");
        assertThat(ssh.run("pve1", "ha-manager add vm:100 --group g1").exitStatus()).isZero();
        assertThat(ssh.run("pve1", "ha-manager config").stdout()).isEqualTo("vm:100\n\tgroup g1\n\n");
        assertThat(ssh.run("pve1", "ha-manager rules list").stderr()).startsWith("ERROR: unknown command");
        cluster.close();

        start(SimSpec.defaults(2, 7));
        SshClient.Result groupadd = ssh.run("pve1", "ha-manager groupadd g1 --nodes pve1");
        assertThat(groupadd.exitStatus()).isEqualTo(255);
        assertThat(groupadd.stderr()).isEqualTo("cannot create group: ha groups have been migrated to rules\n");
        assertThat(ssh.run("pve1", "ha-manager groupconfig").stderr())
                .isEqualTo("cannot index groups: ha groups have been migrated to rules\n");
        assertThat(ssh.run("pve1", "ha-manager add vm:100 --group g1").stderr())
                .isEqualTo("invalid parameter 'group': ha groups have been migrated to rules\n");
        ssh.run("pve1", "ha-manager add vm:100");
        assertThat(ssh.run("pve1",
                "ha-manager rules add node-affinity prefer-pve1 --resources vm:100 --nodes pve1:2,pve2 --strict 1")
                .exitStatus()).isZero();
        assertThat(ssh.run("pve1", "ha-manager rules config --output-format json").stdout()).isEqualTo(
                "[{\"enabled\":1,\"nodes\":\"pve1:2,pve2\",\"resources\":\"vm:100\",\"rule\":\"prefer-pve1\","
                        + "\"state\":\"in use\",\"strict\":1,\"type\":\"node-affinity\"}]\n");
        assertThat(ssh.run("pve1", "ha-manager rules add node-affinity r2 --resources vm:101 --nodes pve1").stderr())
                .isEqualTo("cannot use unmanaged resource(s) vm:101.\n");
        ssh.run("pve1", "ha-manager remove vm:100");
        assertThat(ssh.run("pve1", "ha-manager rules list --output-format json").stdout()).isEqualTo("[]\n");
    }

    @Test
    void masterLogsNodesLeavingItsQuoratePartition() throws Exception {
        start(SimSpec.defaults(3, 7).withHaResources("vm:100"));
        cluster.failNode("pve3");
        assertThat(ssh.run("pve1", "journalctl -u pve-ha-crm -o cat").stdout())
                .isEqualTo("node 'pve3': state changed from 'online' => 'unknown'\n");
        JsonNode nodes = JSON.readTree(ssh.run("pve1", "pvesh get /cluster/resources --type node --output-format json")
                .stdout());
        assertThat(nodes.get(2).get("hastate").asText()).isEqualTo("unknown");
        cluster.recoverNode("pve3");
        assertThat(ssh.run("pve1", "journalctl -u pve-ha-crm -n 1 -o cat").stdout())
                .isEqualTo("node 'pve3': state changed from 'unknown' => 'online'\n");
    }
}
