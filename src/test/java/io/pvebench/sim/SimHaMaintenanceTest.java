package io.pvebench.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ha-manager crm-command node-maintenance enable|disable} and, on 9.2,
 * {@code disarm-ha}/{@code arm-ha}, over SSH: the CRM and LRM journals and
 * {@code ha-manager status}.
 */
class SimHaMaintenanceTest {

    private SimCluster cluster;
    private SshClient ssh;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private void start(int nodes, String version, String... haResources) {
        List<SimVmSpec> vms = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            vms.add(new SimVmSpec(99 + i, "vm" + (99 + i), "pve" + i, 2, 2L << 30, SimVmSpec.DEFAULT_DISK, "ceph"));
        }
        cluster = SimCluster.start(new SimSpec("sim", version, nodes, 7, 200, vms, "root", "sim", List.of())
                .withHaResources(haResources));
        ssh = new SshClient(cluster);
    }

    private List<String> journal(String node, String unit, Instant since) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String l : ssh.run(node, "journalctl -u " + unit + " -o short-iso").stdout().split("\n")) {
            int colon = l.indexOf(": ");
            if (!l.isBlank() && colon > 0
                    && !OffsetDateTime.parse(l.substring(0, l.indexOf(' '))).toInstant().isBefore(since)) {
                lines.add(l.substring(colon + 2));
            }
        }
        return lines;
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private Instant now() {
        return cluster.model().clock().now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    @Test
    void maintenanceEvacuatesAndReturnsEveryHaGuest() throws Exception {
        start(3, "9.2", "vm:100", "vm:101", "vm:102");
        Instant t0 = now();
        assertThat(ssh.run("pve2", "ha-manager crm-command node-maintenance enable pve3").exitStatus()).isZero();
        await("pve3 empty and its watchdog closed", () ->
                journal("pve3", "pve-ha-lrm", t0).contains("watchdog closed (disabled)"));
        assertThat(cluster.model().nodeOf(102)).isEqualTo("pve1");
        assertThat(cluster.model().running(102)).isTrue();
        assertThat(journal("pve3", "pve-ha-lrm", t0)).containsSubsequence(
                "status change active => maintenance", "watchdog closed (disabled)");
        assertThat(journal("pve1", "pve-ha-crm", t0)).containsSubsequence(
                "node 'pve3': state changed from 'online' => 'maintenance'",
                "migrate service 'vm:102' to node 'pve1' (running)",
                "service 'vm:102': state changed from 'started' to 'migrate'  (node = pve3, target = pve1)",
                "service 'vm:102': state changed from 'migrate' to 'started'  (node = pve1)");
        String status = ssh.run("pve1", "ha-manager status").stdout();
        assertThat(status).containsPattern("\nlrm pve3 \\(maintenance mode, watchdog active, .*\\)\n")
                .contains("service vm:102 (pve1, started)\n");
        assertThat(ssh.run("pve1", "ha-manager crm-command node-maintenance enable pve3").exitStatus()).isZero();
        await("the repeated request is ignored", () -> journal("pve1", "pve-ha-crm", t0)
                .contains("ignoring crm command - node pve3 is already in maintenance state"));

        Instant t1 = now();
        assertThat(ssh.run("pve1", "ha-manager crm-command node-maintenance disable pve3").exitStatus()).isZero();
        await("vm:102 back on pve3", () -> cluster.model().nodeOf(102).equals("pve3")
                && ssh.run("pve1", "ha-manager status").stdout().contains("service vm:102 (pve3, started)\n"));
        assertThat(journal("pve1", "pve-ha-crm", t1)).containsSubsequence(
                "node 'pve3': state changed from 'maintenance' => 'online'",
                "moving service 'vm:102' back to 'pve3', node came back from maintenance.",
                "migrate service 'vm:102' to node 'pve3' (running)",
                "service 'vm:102': state changed from 'migrate' to 'started'  (node = pve3)");
        assertThat(journal("pve3", "pve-ha-lrm", t1)).containsSubsequence("watchdog active",
                "status change maintenance => active");
        assertThat(ssh.run("pve1", "ha-manager status").stdout())
                .containsPattern("\nlrm pve3 \\(active, watchdog active, .*\\)\n");
        assertThat(cluster.model().nodeOf(100)).isEqualTo("pve1");
        assertThat(cluster.model().nodeOf(101)).isEqualTo("pve2");
    }

    @Test
    void disablingMaintenanceOfANodeNotInItIsLoggedAndIgnored() throws Exception {
        start(2, "9.2", "vm:100");
        Instant t0 = now();
        assertThat(ssh.run("pve1", "ha-manager crm-command node-maintenance disable pve2").exitStatus()).isZero();
        await("the warning", () -> journal("pve1", "pve-ha-crm", t0)
                .contains("clearing maintenance of node pve2 requested, but it's in state online"));
    }

    @Test
    void disarmDoesNotExistOn84() throws Exception {
        start(2, "8.4", "vm:100");
        SshClient.Result r = ssh.run("pve1", "ha-manager crm-command disarm-ha freeze");
        assertThat(r.exitStatus()).isEqualTo(255);
        assertThat(r.stderr()).startsWith("ERROR: unknown command 'ha-manager crm-command disarm-ha'\n");
    }

    @Test
    void disarmedHaNeitherFencesNorRecovers() throws Exception {
        start(3, "9.2", "vm:100", "vm:101", "vm:102");
        Instant t0 = now();
        assertThat(ssh.run("pve3", "ha-manager crm-command disarm-ha freeze").exitStatus()).isZero();
        await("fully disarmed", () -> journal("pve1", "pve-ha-crm", t0)
                .contains("HA stack fully disarmed, releasing CRM watchdog"));
        assertThat(journal("pve1", "pve-ha-crm", t0)).containsSubsequence(
                "got crm command: disarm-ha freeze",
                "disarm: freezing service 'vm:100' (was 'started')",
                "disarm: freezing service 'vm:101' (was 'started')",
                "disarm: freezing service 'vm:102' (was 'started')",
                "all LRMs disarmed, HA stack is now fully disarmed",
                "HA stack fully disarmed, releasing CRM watchdog");
        assertThat(journal("pve2", "pve-ha-lrm", t0)).containsSubsequence(
                "HA disarm requested, releasing agent lock and watchdog", "watchdog closed (disabled)",
                "status change active => wait_for_agent_lock");
        String status = ssh.run("pve1", "ha-manager status").stdout();
        assertThat(status).containsPattern("\nmaster pve1 \\(active, [^)]*\\) - disarmed, resource mode: freeze\n")
                .contains("\nfencing disarmed, resource mode: freeze (CRM watchdog released)\n")
                .containsPattern("\nlrm pve2 \\(disarm mode, watchdog released, .*\\)\n")
                .contains("service vm:101 (pve2, freeze)\n");

        // pve2 loses the cluster network: no fence, no recovery, and no watchdog resets it
        Instant t1 = now();
        assertThat(ssh.run("pve2", "ip link set eno1 down").exitStatus()).isZero();
        await("200 model seconds", () -> Duration.between(t1, now()).toSeconds() >= 200);
        assertThat(cluster.model().online("pve2")).isTrue();
        assertThat(cluster.model().nodeOf(101)).isEqualTo("pve2");
        assertThat(cluster.model().running(101)).isTrue();
        List<String> crm = journal("pve1", "pve-ha-crm", t1);
        assertThat(crm).contains("node 'pve2': state changed from 'online' => 'unknown'")
                .noneMatch(m -> m.contains("fence") || m.contains("recover"));
        assertThat(journal("pve2", "watchdog-mux", t1)).isEmpty();
        assertThat(ssh.run("pve2", "ip link set eno1 up").exitStatus()).isZero();

        Instant t2 = now();
        assertThat(ssh.run("pve1", "ha-manager crm-command arm-ha").exitStatus()).isZero();
        await("vm:101 thawed", () -> ssh.run("pve1", "ha-manager status").stdout()
                .contains("service vm:101 (pve2, started)\n"));
        assertThat(journal("pve1", "pve-ha-crm", t2)).containsSubsequence("got crm command: arm-ha",
                "re-arming HA stack", "service 'vm:101': state changed from 'freeze' to 'started'");
        await("pve2's LRM active again", () -> journal("pve2", "pve-ha-lrm", t2)
                .contains("status change wait_for_agent_lock => active"));
        assertThat(ssh.run("pve1", "ha-manager status").stdout())
                .contains("\nfencing armed (CRM watchdog active)\n")
                .containsPattern("\nlrm pve2 \\(active, watchdog active, .*\\)\n");
    }

    @Test
    void disarmInIgnoreModeShowsTheServicesAsIgnored() throws Exception {
        start(2, "9.2", "vm:100", "vm:101");
        Instant t0 = now();
        assertThat(ssh.run("pve1", "ha-manager crm-command disarm-ha ignore").exitStatus()).isZero();
        await("fully disarmed", () -> journal("pve1", "pve-ha-crm", t0)
                .contains("all LRMs disarmed, HA stack is now fully disarmed"));
        assertThat(journal("pve1", "pve-ha-crm", t0)).containsSubsequence("got crm command: disarm-ha ignore",
                "disarm: suspending HA tracking for service 'vm:100'",
                "disarm: suspending HA tracking for service 'vm:101'");
        assertThat(ssh.run("pve2", "ha-manager status").stdout())
                .contains("service vm:100 (pve1, ignore)\n", "service vm:101 (pve2, ignore)\n",
                        "\nfencing disarmed, resource mode: ignore (CRM watchdog released)\n");
        assertThat(ssh.run("pve1", "ha-manager crm-command node-maintenance enable pve2").exitStatus()).isZero();
        await("the maintenance request is refused", () -> journal("pve1", "pve-ha-crm", t0)
                .contains("ignoring maintenance command for node pve2 - HA stack is disarmed"));
    }
}
