package io.pvebench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * HA fencing, recovery, the start-error policy and the watchdog self-fence, as pvebench
 * sees them over SSH: the CRM and LRM journals ({@code journalctl -o short-iso}),
 * {@code ha-manager status}, {@code /cluster/ha/status/current}, {@code /cluster/resources}.
 * Durations are model time read from the journal stamps (whole seconds), measured from the
 * model instant of the fault, and checked against pve-ha-manager's numbers: fence delay
 * 60 s, agent lock lifetime 120 s, watchdog-mux client timeout 60 s plus the 10 s softdog.
 */
class SimHaFencingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private SimCluster cluster;
    private SshClient ssh;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Journal line: its model instant and message. */
    record Line(Instant time, String message) {
    }

    /** Two VMs per spec, {@code 100} on pve1, {@code 101} on pve2 ..., disks on {@code storage}. */
    private static SimSpec spec(int nodes, String storage) {
        List<SimVmSpec> vms = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            vms.add(new SimVmSpec(99 + i, "vm" + (99 + i), "pve" + i, 2, 2L << 30, SimVmSpec.DEFAULT_DISK, storage));
        }
        return new SimSpec("sim", "9.2", nodes, 7, 200, vms, "root", "sim", List.of());
    }

    private void start(SimSpec spec) {
        cluster = SimCluster.start(spec);
        ssh = new SshClient(cluster);
    }

    private List<Line> journal(String node, String unit, Instant since) throws Exception {
        List<Line> lines = new ArrayList<>();
        for (String l : ssh.run(node, "journalctl -u " + unit + " -o short-iso").stdout().split("\n")) {
            int colon = l.indexOf(": ");
            if (l.isBlank() || colon < 0) {
                continue;
            }
            Instant t = OffsetDateTime.parse(l.substring(0, l.indexOf(' '))).toInstant();
            if (!t.isBefore(since.minusSeconds(1))) {
                lines.add(new Line(t, l.substring(colon + 2)));
            }
        }
        return lines;
    }

    private static List<String> messages(List<Line> lines) {
        return lines.stream().map(Line::message).toList();
    }

    private static long secondsAfter(Instant t0, List<Line> lines, String message) {
        Line line = lines.stream().filter(l -> l.message().equals(message)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + message + "' in " + messages(lines)));
        return Duration.between(t0, line.time()).toSeconds();
    }

    /** Polls until the condition holds (wall deadline generous for a loaded machine). */
    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (com.jcraft.jsch.JSchException e) {
                // a node that is down or booting
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private Instant now() {
        return cluster.model().clock().now();
    }

    @Test
    void haVmOnACrashedNodeIsRecoveredOnTheSurvivorWithAQdevice() throws Exception {
        start(spec(2, "ceph").withQdevice(true).withHaResources("vm:101"));
        Instant t0 = now();
        cluster.failNode("pve2");
        await("vm:101 running on pve1", () -> {
            JsonNode vms = JSON.readTree(ssh.run("pve1",
                    "pvesh get /cluster/resources --type vm --output-format json").stdout());
            for (JsonNode vm : vms) {
                if (vm.get("vmid").asInt() == 101) {
                    return vm.get("node").asText().equals("pve1") && vm.get("status").asText().equals("running");
                }
            }
            return false;
        });
        assertThat(ssh.run("pve1", "ha-manager status").stdout()).contains("service vm:101 (pve1, started)\n");
        List<Line> crm = journal("pve1", "pve-ha-crm", t0);
        assertThat(messages(crm)).containsSubsequence(
                "node 'pve2': state changed from 'online' => 'unknown'",
                "service 'vm:101': state changed from 'started' to 'fence'",
                "node 'pve2': state changed from 'unknown' => 'fence'",
                "successfully acquired lock 'ha_agent_pve2_lock'",
                "fencing: acknowledged - got agent lock for node 'pve2'",
                "node 'pve2': state changed from 'fence' => 'unknown'",
                "service 'vm:101': state changed from 'fence' to 'recovery'",
                "recover service 'vm:101' from fenced node 'pve2' to node 'pve1'",
                "service 'vm:101': state changed from 'recovery' to 'started'  (node = pve1)");
        // fence delay: 60 s after the last CRM round that saw pve2 online
        assertThat(secondsAfter(t0, crm, "service 'vm:101': state changed from 'started' to 'fence'"))
                .isBetween(50L, 61L);
        // the lock of pve2's LRM lives 120 s after its last renewal (before the failure)
        assertThat(secondsAfter(t0, crm, "fencing: acknowledged - got agent lock for node 'pve2'"))
                .isBetween(110L, 131L);
        List<Line> lrm = journal("pve1", "pve-ha-lrm", t0);
        assertThat(messages(lrm)).containsSubsequence("starting service vm:101", "service status vm:101 started");
        assertThat(secondsAfter(t0, lrm, "service status vm:101 started")).isBetween(110L, 150L);
    }

    @Test
    void twoNodesWithoutQdeviceRecoverNothingAndTheSurvivorSelfFences() throws Exception {
        start(spec(2, "ceph").withHaResources("vm:100", "vm:101").withBootTime(Duration.ofSeconds(60)));
        Instant t0 = now();
        cluster.failNode("pve2");
        await("40 model seconds", () -> Duration.between(t0, now()).toSeconds() >= 40);
        String status = ssh.run("pve1", "ha-manager status").stdout();
        assertThat(status).startsWith("quorum No quorum on node 'pve1'!\n")
                .containsPattern("\nmaster pve1 \\(old timestamp - dead\\?, .*\\)\n")
                .contains("service vm:101 (pve2, started)\n", "service vm:100 (pve1, started)\n");
        assertThat(ssh.run("pve1", "pvecm status").stdout()).contains("Quorate:          No\n");
        JsonNode current = JSON.readTree(ssh.run("pve1",
                "pvesh get /cluster/ha/status/current --output-format json").stdout());
        assertThat(current.get(0).get("quorate").asInt()).isZero();

        // the LRM of pve1 had vm:100 active: its watchdog expires, the node resets and boots
        await("pve1 reset", () -> !cluster.model().online("pve1"));
        await("pve1 back", () -> cluster.model().online("pve1")
                && ssh.run("pve1", "true").exitStatus() == 0);
        List<Line> mux = journal("pve1", "watchdog-mux", t0);
        assertThat(messages(mux)).hasSize(2);
        assertThat(mux.get(0).message()).matches("client \\(PID [0-9]+\\) watchdog is about to expire");
        assertThat(mux.get(1).message()).matches("client \\(PID [0-9]+\\) watchdog expired - disable watchdog updates");
        // the LRM fed it last at its round before the failure: warning after 50 s, expiry after 60 s
        assertThat(Duration.between(t0, mux.get(0).time()).toSeconds()).isBetween(41L, 61L);
        assertThat(Duration.between(t0, mux.get(1).time()).toSeconds()).as("client timeout").isBetween(51L, 71L);
        assertThat(messages(journal("pve1", "pve-ha-lrm", t0))).containsSubsequence(
                "lost lock 'ha_agent_pve1_lock - cfs lock update failed - Permission denied'",
                "status change active => lost_agent_lock");
        assertThat(messages(journal("pve1", "pve-ha-crm", t0))).noneMatch(m -> m.contains("fence"))
                .containsSubsequence("lost lock 'ha_manager_lock - cfs lock update failed - Permission denied'",
                        "status change master => lost_manager_lock", "watchdog closed (disabled)",
                        "status change lost_manager_lock => wait_for_quorum");
        Instant back = now();
        // after the boot pve1 has no quorum, so its LRM never arms the watchdog again
        await("120 more model seconds", () -> Duration.between(back, now()).toSeconds() >= 120);
        assertThat(cluster.model().online("pve1")).isTrue();
        assertThat(cluster.model().running(100)).isFalse();
        assertThat(ssh.run("pve1", "ha-manager status").stdout()).startsWith("quorum No quorum on node 'pve1'!\n")
                .contains("service vm:101 (pve2, started)\n");
    }

    @Test
    void strictNodeAffinityToTheFailedNodeLeavesTheServiceInRecovery() throws Exception {
        start(spec(3, "ceph").withHaResources("vm:101"));
        assertThat(ssh.run("pve1", "ha-manager rules add node-affinity keep --resources vm:101 --nodes pve2 "
                + "--strict 1").exitStatus()).isZero();
        Instant t0 = now();
        cluster.failNode("pve2");
        String failed = "recovering service 'vm:101' from fenced node 'pve2' failed, no recovery node found";
        await("three failed recovery rounds", () -> messages(journal("pve1", "pve-ha-crm", t0)).stream()
                .filter(failed::equals).count() >= 3);
        List<Line> crm = journal("pve1", "pve-ha-crm", t0);
        List<Instant> times = crm.stream().filter(l -> l.message().equals(failed)).map(Line::time).toList();
        assertThat(Duration.between(times.get(0), times.get(1)).toSeconds()).isEqualTo(10);
        assertThat(Duration.between(times.get(1), times.get(2)).toSeconds()).isEqualTo(10);
        assertThat(messages(crm)).containsSubsequence("service 'vm:101': state changed from 'fence' to 'recovery'",
                failed).noneMatch(m -> m.startsWith("recover service"));
        assertThat(ssh.run("pve3", "ha-manager status").stdout()).contains("service vm:101 (pve2, recovery)\n");
        JsonNode current = JSON.readTree(ssh.run("pve3",
                "pvesh get /cluster/ha/status/current --output-format json").stdout());
        JsonNode service = current.get(current.size() - 1);
        assertThat(service.get("crm_state").asText()).isEqualTo("recovery");
        assertThat(service.get("node").asText()).isEqualTo("pve2");
    }

    @Test
    void aVmOnTheFailedNodesLocalDiskCannotStartElsewhereAndEndsInError() throws Exception {
        start(spec(2, "local-lvm").withQdevice(true).withHaResources("vm:101"));
        Instant t0 = now();
        cluster.failNode("pve2");
        await("vm:101 in error", () -> ssh.run("pve1", "ha-manager status").stdout()
                .contains("service vm:101 (pve1, error)\n"));
        // the LRM tries twice (max_restart 1) after the recovery and twice after the CRM's retry
        assertThat(messages(journal("pve1", "pve-ha-lrm", t0))).containsSubsequence(
                "starting service vm:101",
                "unable to start service vm:101",
                "restart policy: retry number 1 for service 'vm:101'",
                "starting service vm:101",
                "unable to start service vm:101",
                "unable to start service vm:101 on local node after 1 retries");
        assertThat(messages(journal("pve1", "pve-ha-crm", t0))).containsSubsequence(
                "recover service 'vm:101' from fenced node 'pve2' to node 'pve1'",
                "starting service vm:101 on node 'pve1' failed, relocating service.",
                "Start Error Recovery: Tried all available nodes for service 'vm:101', retry start on current "
                        + "node. Tried nodes: pve1",
                "recovery policy for service vm:101 failed, entering error state. Failed nodes: pve1, pve1",
                "service 'vm:101': state changed from 'started' to 'error'");
        assertThat(cluster.model().tasks().archived("pve1")).filteredOn(t -> t.upid().text().contains(":qmstart:101:"))
                .hasSize(4).allSatisfy(t -> assertThat(t.exitStatus()).contains("no such logical volume pve/vm-101-disk-0"));
        assertThat(cluster.model().running(101)).isFalse();
    }

    @Test
    void anIsolatedNodeSelfFencesWhileTheQuorateNodesRecoverItsVm() throws Exception {
        start(spec(3, "ceph").withHaResources("vm:102").withBootTime(Duration.ofSeconds(600)));
        Instant t0 = now();
        assertThat(ssh.run("pve3", "ip link set eno1 down").exitStatus()).isZero();
        // the link went down somewhere between t0 and t1: the SSH round trip is whole seconds of twin time
        Instant t1 = now();
        await("vm:102 running on another node", () -> cluster.model().running(102)
                && !cluster.model().nodeOf(102).equals("pve3"));
        List<Line> crm = journal("pve1", "pve-ha-crm", t0);
        assertThat(secondsAfter(t0, crm, "fencing: acknowledged - got agent lock for node 'pve3'"))
                .isGreaterThanOrEqualTo(110L);
        assertThat(secondsAfter(t1, crm, "fencing: acknowledged - got agent lock for node 'pve3'"))
                .isLessThanOrEqualTo(131L);
        assertThat(cluster.model().online("pve3")).as("pve3 reset by its watchdog").isFalse();
        assertThat(messages(crm)).contains("recover service 'vm:102' from fenced node 'pve3' to node 'pve1'");
    }

    @Test
    void whenTheMasterDiesTheNextCrmTakesOverAfterTheManagerLockExpiredAndThenFences() throws Exception {
        start(spec(3, "ceph").withHaResources("vm:100"));
        Instant t0 = now();
        cluster.failNode("pve1");
        await("vm:100 running on pve2", () -> cluster.model().running(100)
                && cluster.model().nodeOf(100).equals("pve2"));
        List<Line> crm = journal("pve2", "pve-ha-crm", t0);
        assertThat(messages(crm)).containsSubsequence(
                "successfully acquired lock 'ha_manager_lock'",
                "status change slave => master",
                "node 'pve1': state changed from 'online' => 'unknown'",
                "service 'vm:100': state changed from 'started' to 'fence'",
                "node 'pve1': state changed from 'unknown' => 'fence'",
                "fencing: acknowledged - got agent lock for node 'pve1'",
                "service 'vm:100': state changed from 'fence' to 'recovery'",
                "recover service 'vm:100' from fenced node 'pve1' to node 'pve2'",
                "service 'vm:100': state changed from 'recovery' to 'started'  (node = pve2)");
        long takeover = secondsAfter(t0, crm, "status change slave => master");
        assertThat(takeover).as("manager lock lifetime").isBetween(110L, 131L);
        // the new master never saw pve1 online: its fence delay starts at the takeover
        assertThat(secondsAfter(t0, crm, "service 'vm:100': state changed from 'started' to 'fence'") - takeover)
                .isBetween(59L, 71L);
        assertThat(ssh.run("pve3", "ha-manager status").stdout()).containsPattern("\nmaster pve2 \\(active, ");
    }

    @Test
    void recoveryFollowsNodeAffinityPriorityAndNegativeResourceAffinity() throws Exception {
        start(spec(4, "ceph").withHaResources("vm:100", "vm:101", "vm:102"));
        // vm:101 prefers pve2, then pve3 or pve4 (non-strict); vm:102 must stay apart from vm:101
        assertThat(ssh.run("pve1", "ha-manager rules add node-affinity prefer --resources vm:101 "
                + "--nodes pve2:2,pve3:1,pve4:1").exitStatus()).isZero();
        assertThat(ssh.run("pve1", "ha-manager rules add resource-affinity apart --resources vm:101,vm:102 "
                + "--affinity negative").exitStatus()).isZero();
        Instant t0 = now();
        cluster.failNode("pve2");
        await("vm:101 recovered", () -> cluster.model().running(101) && !cluster.model().nodeOf(101).equals("pve2"));
        // pve3 runs vm:102 (kept apart), so of the priority-1 nodes only pve4 is left
        assertThat(cluster.model().nodeOf(101)).isEqualTo("pve4");
        assertThat(messages(journal("pve1", "pve-ha-crm", t0)))
                .contains("recover service 'vm:101' from fenced node 'pve2' to node 'pve4'");
    }

    @Test
    void on84ARestrictedGroupKeepsTheServiceInRecoveryAndAnOpenOneRecoversToItsNextMember() throws Exception {
        List<SimVmSpec> vms = List.of(
                new SimVmSpec(100, "vm100", "pve1", 2, 2L << 30, SimVmSpec.DEFAULT_DISK, "ceph"),
                new SimVmSpec(101, "vm101", "pve2", 2, 2L << 30, SimVmSpec.DEFAULT_DISK, "ceph"),
                new SimVmSpec(103, "vm103", "pve2", 2, 2L << 30, SimVmSpec.DEFAULT_DISK, "ceph"),
                new SimVmSpec(102, "vm102", "pve3", 2, 2L << 30, SimVmSpec.DEFAULT_DISK, "ceph"));
        start(new SimSpec("sim", "8.4", 3, 7, 200, vms, "root", "sim", List.of()));
        assertThat(ssh.run("pve1", "ha-manager groupadd only2 --nodes pve2 --restricted 1").exitStatus()).isZero();
        assertThat(ssh.run("pve1", "ha-manager groupadd open --nodes pve2:2,pve3:1").exitStatus()).isZero();
        assertThat(ssh.run("pve1", "ha-manager add vm:101 --group only2").exitStatus()).isZero();
        assertThat(ssh.run("pve1", "ha-manager add vm:103 --group open").exitStatus()).isZero();
        Instant t0 = now();
        cluster.failNode("pve2");
        String failed = "recovering service 'vm:101' from fenced node 'pve2' failed, no recovery node found";
        await("vm:101 stuck in recovery, vm:103 recovered", () -> messages(journal("pve1", "pve-ha-crm", t0))
                .contains(failed) && cluster.model().running(103));
        // pve1 and pve3 carry no HA service: without the group pve1 would win by name
        assertThat(cluster.model().nodeOf(103)).isEqualTo("pve3");
        String status = ssh.run("pve1", "ha-manager status").stdout();
        assertThat(status).contains("service vm:101 (pve2, recovery)\n", "service vm:103 (pve3, started)\n");
    }

    private void sysrqReset(String node) throws Exception {
        com.jcraft.jsch.Session session = ssh.open(node);
        try {
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    SshClient.exec(session, "sh -c 'echo b > /proc/sysrq-trigger'");
                } catch (Exception e) {
                    // the session dies with the node
                }
            }).get(10, TimeUnit.SECONDS);
        } finally {
            session.disconnect();
        }
    }

    @Test
    void aResetNodeThatBootsWithinTheFenceDelayStartsItsHaGuestAgainItself() throws Exception {
        start(spec(3, "ceph").withHaResources("vm:101").withBootTime(Duration.ofSeconds(30)));
        Instant t0 = now();
        sysrqReset("pve2");
        await("vm:101 running again on pve2", () -> cluster.model().online("pve2") && cluster.model().running(101));
        assertThat(cluster.model().nodeOf(101)).isEqualTo("pve2");
        List<Line> lrm = journal("pve2", "pve-ha-lrm", t0);
        assertThat(messages(lrm)).containsSubsequence("starting service vm:101", "service status vm:101 started");
        // the LRM starts again with the node, after its 30 s boot; it starts the guest at its next round
        // (qmstart 1-3 s). Timed from the LRM's start: the reset itself reaches the node over SSH, which on a
        // busy machine takes whole seconds of the twin's compressed time after t0
        Line restarted = lrm.stream().filter(l -> l.message().equals("starting server")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the LRM did not start again: " + messages(lrm)));
        assertThat(Duration.between(t0, restarted.time()).toSeconds()).as("the boot").isGreaterThanOrEqualTo(30L);
        assertThat(secondsAfter(restarted.time(), lrm, "service status vm:101 started")).isBetween(0L, 25L);
        assertThat(messages(journal("pve1", "pve-ha-crm", t0))).noneMatch(m -> m.contains("fence"));
    }

    @Test
    void aResetNodeThatBootsAfterTheFenceDelayIsFencedAndItsGuestRecoveredElsewhere() throws Exception {
        start(spec(3, "ceph").withHaResources("vm:101").withBootTime(Duration.ofSeconds(90)));
        Instant t0 = now();
        sysrqReset("pve2");
        await("vm:101 recovered", () -> cluster.model().running(101) && cluster.model().nodeOf(101).equals("pve1"));
        List<Line> crm = journal("pve1", "pve-ha-crm", t0);
        assertThat(messages(crm)).containsSubsequence(
                "service 'vm:101': state changed from 'started' to 'fence'",
                "node 'pve2': state changed from 'unknown' => 'fence'",
                "fencing: acknowledged - got agent lock for node 'pve2'",
                "node 'pve2': state changed from 'fence' => 'unknown'",
                "recover service 'vm:101' from fenced node 'pve2' to node 'pve1'",
                "service 'vm:101': state changed from 'recovery' to 'started'  (node = pve1)",
                "node 'pve2': state changed from 'unknown' => 'online'");
        // pve2 was back at 90 s but stayed 'fence' until the CRM held its lock; the recovery
        // runs in the round of the acknowledgement (Manager.pm repeats it), pve2 is online after
        assertThat(secondsAfter(t0, crm, "node 'pve2': state changed from 'unknown' => 'online'"))
                .isGreaterThanOrEqualTo(secondsAfter(t0, crm, "fencing: acknowledged - got agent lock for node 'pve2'"));
        assertThat(messages(journal("pve2", "pve-ha-lrm", t0))).doesNotContain("starting service vm:101");
    }
}
