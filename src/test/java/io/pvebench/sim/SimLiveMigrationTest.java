package io.pvebench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pvebench.sim.model.MigrationRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code qm migrate VMID TARGET --online} on the twin: QEMU pre-copy as qemu-server 9.2.6
 * {@code QemuMigrate.pm} logs it, the VM on the target afterwards, and the truth the model
 * keeps for probe-based measurements.
 */
class SimLiveMigrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STAMP = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ";
    private static final String SIZE = "\\d+\\.\\d (B|KiB|MiB|GiB|TiB)";
    private SimCluster cluster;
    private SshClient ssh;

    private void start(String version, long seed) {
        start(version, seed, 2);
    }

    private void start(String version, long seed, int nodes) {
        start(version, seed, nodes, 400);
    }

    private void start(String version, long seed, int nodes, double timeScale) {
        List<SimVmSpec> vms = List.of(new SimVmSpec(100, "vm100", "pve1", 4, 4L << 30, 32L << 30, "ceph"),
                new SimVmSpec(101, "vm101", "pve2", 4, 4L << 30, 32L << 30, "ceph"),
                new SimVmSpec(102, "vm102", "pve1", 4, 4L << 30));
        start(new SimSpec("sim", version, nodes, seed, timeScale, vms, "root", "sim", List.of()));
    }

    private void start(SimSpec spec) {
        cluster = SimCluster.start(spec);
        ssh = new SshClient(cluster);
    }

    @AfterEach
    void stopTwin() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private List<String> migrate(String command) throws Exception {
        SshClient.Result r = ssh.run("pve1", command);
        assertThat(r.exitStatus()).as(r.stderr()).isZero();
        assertThat(r.stdout()).doesNotContain("TASK OK");
        return List.of(r.stdout().split("\n"));
    }

    @Test
    void aLightlyLoadedVmConvergesFastWithDowntimeNearTheLimitAndRunsOnTheTargetAfter() throws Exception {
        start("9.2", 7);
        List<String> log = migrate("qm migrate 100 pve2 --online");

        assertThat(log.get(0)).matches(STAMP + "conntrack state migration not supported or disabled, active "
                + "connections might get dropped");
        assertThat(log.get(1)).matches(STAMP + "starting migration of VM 100 to node 'pve2' \\(10\\.0\\.99\\.12\\)");
        assertThat(log).noneMatch(l -> l.contains("auto-increased"));
        assertThat(log.get(log.size() - 1)).matches(STAMP + "migration finished successfully \\(duration 00:00:\\d\\d\\)");
        MigrationRecord m = cluster.model().lastMigration(100).orElseThrow();
        assertThat(m.downtime().toMillis()).isBetween(5L, 150L);
        assertThat(m.plan().throttles()).isEmpty();
        assertThat(log).anySatisfy(l -> assertThat(l)
                .matches(STAMP + "average migration speed: " + SIZE + "/s - downtime " + m.downtime().toMillis() + " ms"));
        // a mostly idle guest: the first pass sends its used memory, far less than 4 GiB
        assertThat(m.plan().transferred()).isLessThan(3L << 30);

        assertThat(cluster.model().nodeOf(100)).isEqualTo("pve2");
        assertThat(ssh.run("pve2", "qm status 100").stdout()).isEqualTo("status: running\n");
        assertThat(ssh.run("pve2", "qm config 100").stdout()).doesNotContain("lock");
        assertThat(ssh.run("pve1", "qm status 100").exitStatus()).isEqualTo(255);
        assertThat(ssh.run("pve2", "qm guest exec 100 -- hostname").exitStatus()).isZero();
        assertThat(ssh.run("pve1", "qm guest exec 100 -- hostname").exitStatus()).isNotZero();
        for (JsonNode r : JSON.readTree(ssh.run("pve1", "pvesh get /cluster/resources --type vm --output-format json")
                .stdout())) {
            if (r.get("vmid").asInt() == 100) {
                assertThat(r.get("node").asText()).isEqualTo("pve2");
            }
        }
        JsonNode task = JSON.readTree(ssh.run("pve1", "pvesh get /nodes/pve1/tasks --output-format json").stdout())
                .get(0);
        assertThat(task.get("type").asText()).isEqualTo("qmigrate");
        assertThat(task.get("id").asText()).isEqualTo("100");
        assertThat(task.get("status").asText()).isEqualTo("OK");
        JsonNode taskLog = JSON.readTree(ssh.run("pve1", "pvesh get /nodes/pve1/tasks/" + task.get("upid").asText()
                + "/log --output-format json").stdout());
        assertThat(taskLog.get(taskLog.size() - 1).get("t").asText()).isEqualTo("TASK OK");
    }

    @Test
    void theLogHasTheLineShapesOfARealOnlineMigration() throws Exception {
        start("9.2", 7);
        List<String> log = migrate("qm migrate 100 pve2 --online --bwlimit 204800");
        List<String> real = Files.readAllLines(Path.of("src/test/resources/outputs/proxmox/migration/"
                + "pve8-online-ha-dedicated-net.log"), StandardCharsets.UTF_8);
        // the real log: an HA-started 8.3 migration over a dedicated network
        List<String> shapes = List.of(
                STAMP + "conntrack state migration not supported or disabled, active connections might get dropped",
                STAMP + "use dedicated network address for sending migration traffic \\([0-9.]+\\)",
                STAMP + "starting migration of VM \\d+ to node '[a-z0-9-]+' \\([0-9.]+\\)",
                STAMP + "starting VM \\d+ on remote node '[a-z0-9-]+'",
                STAMP + "start remote tunnel",
                STAMP + "ssh tunnel ver 1",
                STAMP + "starting online/live migration on unix:/run/qemu-server/\\d+\\.migrate",
                STAMP + "set migration capabilities",
                STAMP + "migration speed limit: " + SIZE + "/s",
                STAMP + "migration downtime limit: \\d+ ms",
                STAMP + "migration cachesize: " + SIZE,
                STAMP + "set migration parameters",
                STAMP + "start migrate command to unix:/run/qemu-server/\\d+\\.migrate",
                STAMP + "migration active, transferred " + SIZE + " of " + SIZE + " VM-state, " + SIZE + "/s"
                        + "(, VM dirties lots of memory: " + SIZE + "/s)?",
                STAMP + "auto-increased downtime to continue migration: \\d+ ms",
                STAMP + "average migration speed: " + SIZE + "/s - downtime \\d+ ms",
                STAMP + "migration completed, transferred " + SIZE + " VM-state",
                STAMP + "migration status: completed",
                STAMP + "migration finished successfully \\(duration \\d\\d:\\d\\d:\\d\\d\\)",
                "task started by HA resource agent",
                "TASK OK");
        assertThat(real).allSatisfy(l -> assertThat(shapes).anySatisfy(s -> assertThat(l).matches(s)));
        assertThat(log).allSatisfy(l -> assertThat(shapes).anySatisfy(s -> assertThat(l).matches(s)));
        // the same order as the real one, where both have the line
        assertThat(kinds(log, shapes)).isEqualTo(List.of(0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18));
        assertThat(kinds(real, shapes)).isEqualTo(List.of(19, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 15, 17, 18, 20));
        assertThat(log).contains(log.get(8).substring(0, 20) + "migration speed limit: 200.0 MiB/s");
    }

    /** The index of each line's shape, repeated progress lines once. */
    private static List<Integer> kinds(List<String> lines, List<String> shapes) {
        List<Integer> kinds = new ArrayList<>();
        for (String l : lines) {
            for (int k = 0; k < shapes.size(); k++) {
                if (l.matches(shapes.get(k))) {
                    if (kinds.isEmpty() || kinds.get(kinds.size() - 1) != k) {
                        kinds.add(k);
                    }
                    break;
                }
            }
        }
        return kinds;
    }

    @Test
    void aHeavilyLoadedVmTakesLongerAutoIncreasesTheDowntimeAndIsThrottled() throws Exception {
        start("9.2", 7);
        List<String> light = migrate("qm migrate 100 pve2 --online");
        assertThat(ssh.run("pve2", "qm guest exec 101 --timeout 1 -- stress-ng --cpu 2 --vm 2 --vm-bytes 1G "
                + "--timeout 30m").exitStatus()).isZero();
        double pve2Before = cluster.model().nodeLoad("pve2").demandCores();
        double pve1Before = cluster.model().nodeLoad("pve1").demandCores();
        SshClient.Result heavy = ssh.run("pve2", "qm migrate 101 pve1 --online");
        assertThat(heavy.exitStatus()).as(heavy.stderr()).isZero();
        List<String> log = List.of(heavy.stdout().split("\n"));

        MigrationRecord fast = cluster.model().lastMigration(100).orElseThrow();
        MigrationRecord slow = cluster.model().lastMigration(101).orElseThrow();
        assertThat(slow.end().toEpochMilli() - slow.start().toEpochMilli())
                .isGreaterThan(2 * (fast.end().toEpochMilli() - fast.start().toEpochMilli()));
        assertThat(log).anySatisfy(l -> assertThat(l).matches(STAMP
                + "auto-increased downtime to continue migration: (200|400|800|1600) ms"));
        assertThat(log).anySatisfy(l -> assertThat(l).contains(", VM dirties lots of memory: "));
        assertThat(slow.plan().throttles()).isNotEmpty();
        assertThat(slow.plan().throttles().get(0).fraction()).isEqualTo(0.20);
        assertThat(cluster.model().cpuThrottle(101, slow.switchover().minusMillis(1))).isGreaterThan(0);
        assertThat(cluster.model().cpuThrottle(101, slow.resumed())).isZero();
        assertThat(slow.downtime().toMillis()).isGreaterThan(fast.downtime().toMillis());
        assertThat(light).isNotEmpty();
        // the stress moved with the VM
        assertThat(cluster.model().nodeLoad("pve1").demandCores()).isGreaterThan(pve1Before + 2);
        assertThat(cluster.model().nodeLoad("pve2").demandCores()).isLessThan(pve2Before - 2);
    }

    @Test
    void theSameSeedGivesTheSameMigration() throws Exception {
        start("9.2", 11);
        List<String> first = strip(migrate("qm migrate 100 pve2 --online"));
        MigrationRecord a = cluster.model().lastMigration(100).orElseThrow();
        cluster.close();
        start("9.2", 11);
        List<String> second = strip(migrate("qm migrate 100 pve2 --online"));
        MigrationRecord b = cluster.model().lastMigration(100).orElseThrow();
        // qemu-server measures duration and average speed in whole seconds of the node's clock (time()),
        // so they may differ by one with where the run starts within a second; the rest is the seed's
        assertThat(wholeSeconds(second)).isEqualTo(wholeSeconds(first));
        assertThat(b.plan()).isEqualTo(a.plan());
        assertThat(b.downtime()).isEqualTo(a.downtime());
    }

    private static List<String> wholeSeconds(List<String> lines) {
        return lines.stream().map(l -> l.replaceFirst("duration \\d\\d:\\d\\d:\\d\\d", "duration ...")
                .replaceFirst("^average migration speed: [^-]+-", "average migration speed: ... -")).toList();
    }

    private static List<String> strip(List<String> lines) {
        return lines.stream().map(l -> l.replaceFirst("^" + STAMP, "")).toList();
    }

    @Test
    void pve84LogsNoConntrackLine() throws Exception {
        start("8.4", 7);
        List<String> log = migrate("qm migrate 100 pve2 --online");
        assertThat(log.get(0)).matches(STAMP + "starting migration of VM 100 to node 'pve2' \\(10\\.0\\.99\\.12\\)");
        assertThat(log).anySatisfy(l -> assertThat(l).matches(STAMP + "migration completed, transferred .*"));
    }

    @Test
    void aLocalDiskWithoutWithLocalDisksAbortsTheMigration() throws Exception {
        start("9.2", 7);
        SshClient.Result r = ssh.run("pve1", "qm migrate 102 pve2 --online");
        assertThat(r.exitStatus()).isEqualTo(255);
        assertThat(r.stderr()).isEqualTo("migration aborted\n");
        List<String> log = List.of(r.stdout().split("\n"));
        assertThat(log).anySatisfy(l -> assertThat(l).matches(STAMP + "found local disk 'local-lvm:vm-102-disk-0' "
                + "\\(attached\\)"));
        assertThat(log).anySatisfy(l -> assertThat(l).matches(STAMP + "can't migrate local disk "
                + "'local-lvm:vm-102-disk-0': can't live migrate attached local disks without with-local-disks option"));
        assertThat(log).anySatisfy(l -> assertThat(l).matches(STAMP
                + "ERROR: migration aborted \\(duration 00:00:00\\): can't migrate VM - check log"));
        assertThat(cluster.model().nodeOf(102)).isEqualTo("pve1");
    }

    @Test
    void aTargetNodeThatIsDownAbortsTheMigrationAtTheSshCheck() throws Exception {
        start("9.2", 7, 3);
        cluster.failNode("pve3");
        SshClient.Result r = ssh.run("pve1", "qm migrate 100 pve3 --online");
        assertThat(r.stderr()).isEqualTo("migration aborted\n");
        assertThat(r.exitStatus()).isEqualTo(255);
        assertThat(r.stdout()).contains(" ERROR: migration aborted (duration 00:00:03): Can't connect to destination "
                + "address using public key\n");
        assertThat(cluster.model().nodeOf(100)).isEqualTo("pve1");
    }

    @Test
    void aStoppedVmMigratesOfflineAndAnUnknownTargetIsRefused() throws Exception {
        start("9.2", 7);
        assertThat(ssh.run("pve1", "qm migrate 100 pve9 --online").stderr()).isEqualTo("no such cluster node 'pve9'\n");
        assertThat(ssh.run("pve1", "qm stop 100").exitStatus()).isZero();
        SshClient.Result r = ssh.run("pve1", "qm migrate 100 pve2 --online");
        assertThat(r.exitStatus()).isZero();
        assertThat(r.stderr()).startsWith("VM isn't running. Doing offline migration instead.\n");
    }


    @Test
    void aPingAt10MsSpacingLosesExactlyThePacketsOfTheBlackoutAndSeesItsLength() throws Exception {
        // slow enough that the ping, started over SSH, surely runs across the switch-over
        start("9.2", 7, 2, 40);
        String ip = cluster.model().vm(100).orElseThrow().ip();
        java.util.concurrent.CompletableFuture<SshClient.Result> migration = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return new SshClient(cluster).run("pve1", "qm migrate 100 pve2 --online --bwlimit 51200");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        while (cluster.model().lastMigration(100).isEmpty()) {
            Thread.sleep(1);
        }
        MigrationRecord m = cluster.model().lastMigration(100).orElseThrow();
        while (cluster.model().clock().now().isBefore(m.switchover().minusSeconds(12))) {
            Thread.sleep(5);
        }
        java.time.Instant pingStart = cluster.model().clock().now();
        assertThat(pingStart).isBefore(m.switchover());
        SshClient.Result ping = ssh.run("pve2", "qm guest exec 101 --timeout 120 -- ping -D -i 0.01 -c 3000 " + ip);
        assertThat(migration.get().exitStatus()).isZero();
        String out = JSON.readTree(ping.stdout()).get("out-data").asText();

        java.util.regex.Pattern reply = java.util.regex.Pattern.compile(
                "\\[(\\d+)\\.(\\d{6})] 64 bytes from [0-9.]+: icmp_seq=(\\d+) ttl=64 time=.*");
        java.util.TreeMap<Integer, Long> replies = new java.util.TreeMap<>();
        for (String line : out.split("\n")) {
            java.util.regex.Matcher r = reply.matcher(line);
            if (r.matches()) {
                replies.put(Integer.parseInt(r.group(3)), Long.parseLong(r.group(1)) * 1_000_000 + Long.parseLong(r.group(2)));
            }
        }
        List<Integer> lost = new ArrayList<>();
        for (int seq = 1; seq <= 3000; seq++) {
            if (!replies.containsKey(seq)) {
                lost.add(seq);
            }
        }
        // one run of lost packets: those sent while the VM was paused
        assertThat(lost).isNotEmpty();
        assertThat(lost.get(lost.size() - 1) - lost.get(0) + 1).isEqualTo(lost.size());
        long before = replies.get(lost.get(0) - 1);
        long after = replies.get(lost.get(lost.size() - 1) + 1);
        long observedMs = (after - before) / 1000 - 10;
        assertThat(observedMs).isCloseTo(m.downtime().toMillis(), org.assertj.core.api.Assertions.within(10L));
        long expected = Math.round(m.downtime().toMillis() / 10.5);
        assertThat((long) lost.size()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1L));
        assertThat(out).contains("3000 packets transmitted, " + (3000 - lost.size()) + " received");
    }


    @Test
    void autoConvergeSlowsTheMigratingGuestsStressNgAndIperf3() throws Exception {
        start("9.2", 7, 2, 40);
        assertThat(ssh.run("pve2", "qm guest exec 101 --timeout 1 -- stress-ng --vm 2 --vm-bytes 1G --timeout 30m")
                .exitStatus()).isZero();
        double before = cpuOpsPerSecond();
        java.util.concurrent.CompletableFuture<SshClient.Result> migration = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return new SshClient(cluster).run("pve2", "qm migrate 101 pve1 --online");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        while (cluster.model().lastMigration(101).isEmpty()) {
            Thread.sleep(1);
        }
        MigrationRecord m = cluster.model().lastMigration(101).orElseThrow();
        java.time.Instant throttled = m.start().plus(m.plan().throttles().get(1).at());
        while (cluster.model().clock().now().isBefore(throttled)) {
            Thread.sleep(5);
        }
        double during = cpuOpsPerSecond();
        assertThat(migration.get().exitStatus()).isZero();
        double after = cpuOpsPerSecond();
        assertThat(during).isLessThan(before * 0.85);
        assertThat(after).isGreaterThan(before * 0.9);
    }

    private double cpuOpsPerSecond() throws Exception {
        String node = cluster.model().nodeOf(101);
        SshClient.Result r = ssh.run(node, "qm guest exec 101 -- stress-ng --cpu 1 --timeout 2s --metrics-brief");
        String err = JSON.readTree(r.stdout()).get("err-data").asText();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("cpu\\s+(\\d+)\\s+([0-9.]+)").matcher(err);
        assertThat(m.find()).as(err).isTrue();
        return Long.parseLong(m.group(1)) / Double.parseDouble(m.group(2));
    }


    @Test
    void aTargetFailingDuringTheRamCopyEndsWithProblemsAndTheVmStaysOnTheSource() throws Exception {
        start("9.2", 7, 3, 40);
        java.util.concurrent.CompletableFuture<SshClient.Result> migration = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return new SshClient(cluster).run("pve1", "qm migrate 100 pve3 --online --bwlimit 51200");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        while (cluster.model().lastMigration(100).isEmpty()) {
            Thread.sleep(1);
        }
        MigrationRecord m = cluster.model().lastMigration(100).orElseThrow();
        while (cluster.model().clock().now().isBefore(m.start().plusSeconds(5))) {
            Thread.sleep(5);
        }
        cluster.failNode("pve3");
        SshClient.Result r = migration.get();
        assertThat(r.exitStatus()).isEqualTo(255);
        assertThat(r.stderr()).isEqualTo("migration problems\n");
        List<String> tail = strip(List.of(r.stdout().split("\n")));
        assertThat(tail.subList(tail.size() - 6, tail.size())).containsExactly(
                "migration status error: failed - Unable to write to socket: Broken pipe",
                "ERROR: online migrate failure - aborting",
                "aborting phase 2 - cleanup resources",
                "migrate_cancel",
                "ERROR: command '/usr/bin/ssh -e none -o 'BatchMode=yes' -o 'HostKeyAlias=pve3' root@10.0.99.13 "
                        + "qm stop 100 --skiplock --migratedfrom pve1' failed: exit code 255",
                tail.get(tail.size() - 1));
        assertThat(tail.get(tail.size() - 1)).matches("ERROR: migration finished with problems \\(duration 00:00:\\d\\d\\)");
        assertThat(cluster.model().nodeOf(100)).isEqualTo("pve1");
        assertThat(ssh.run("pve1", "qm status 100").stdout()).isEqualTo("status: running\n");
        assertThat(ssh.run("pve1", "qm config 100").stdout()).doesNotContain("lock");
        MigrationRecord failed = cluster.model().lastMigration(100).orElseThrow();
        assertThat(failed.failed()).isTrue();
        assertThat(cluster.model().cpuThrottle(100, failed.end().plusSeconds(1))).isZero();
    }


    @Test
    void anHaManagedVmGetsAHamigrateTaskThenTheHaStacksQmigrateTaskOnTheSource() throws Exception {
        List<SimVmSpec> vms = List.of(new SimVmSpec(100, "vm100", "pve1", 4, 4L << 30, 32L << 30, "ceph"));
        start(new SimSpec("sim", "9.2", 3, 7, 200, vms, "root", "sim", List.of()).withHaResources("vm:100"));
        SshClient.Result r = ssh.run("pve1", "qm migrate 100 pve2 --online");
        assertThat(r).isEqualTo(new SshClient.Result("Requesting HA migration for VM 100 to node pve2\n", "", 0));
        JsonNode tasks = JSON.readTree(ssh.run("pve1", "pvesh get /nodes/pve1/tasks --output-format json").stdout());
        assertThat(tasks.get(0).get("type").asText()).isEqualTo("hamigrate");

        long deadline = System.currentTimeMillis() + 20_000;
        while (cluster.model().nodeOf(100).equals("pve1") || cluster.model().config(100).orElseThrow().lock()
                .isPresent()) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(10);
        }
        JsonNode qmigrate = null;
        while (qmigrate == null) {
            for (JsonNode t : JSON.readTree(ssh.run("pve1", "pvesh get /nodes/pve1/tasks --output-format json")
                    .stdout())) {
                if (t.get("type").asText().equals("qmigrate") && t.has("status")) {
                    qmigrate = t;
                }
            }
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(qmigrate.get("status").asText()).isEqualTo("OK");
        JsonNode log = JSON.readTree(ssh.run("pve1", "pvesh get /nodes/pve1/tasks/" + qmigrate.get("upid").asText()
                + "/log --output-format json").stdout());
        assertThat(log.get(0).get("t").asText()).isEqualTo("task started by HA resource agent");
        assertThat(log.get(1).get("t").asText()).matches(STAMP + "conntrack state migration not supported or "
                + "disabled, active connections might get dropped");
        assertThat(log.get(log.size() - 1).get("t").asText()).isEqualTo("TASK OK");
    }


    @Test
    void aMigrationStreamSlowsOtherTrafficBetweenTheTwoNodes() throws Exception {
        start("9.2", 7);
        String ip101 = cluster.model().vm(101).orElseThrow().ip();
        double before = iperfGbit(ip101);
        // a long copy (64 GiB at 400 MiB/s) of VM 100 from pve1 to pve2, recorded as the command would
        io.pvebench.sim.model.LiveMigration.Plan plan = io.pvebench.sim.model.LiveMigration.plan(
                new io.pvebench.sim.model.LiveMigration.Params(64L << 30, 60L << 30, 1 << 20, 400.0 * (1 << 20), 100),
                new java.util.Random(1));
        cluster.model().recordMigration(new MigrationRecord(100, "pve1", "pve2", cluster.model().clock().now(),
                400.0 * (1 << 20), plan));
        double during = iperfGbit(ip101);
        assertThat(during).isLessThan(before * 0.8);
    }

    private double iperfGbit(String server) throws Exception {
        ssh.run("pve2", "qm guest exec 101 -- iperf3 -s -D -1");
        SshClient.Result r = ssh.run("pve1", "qm guest exec 102 -- iperf3 -c " + server + " -t 5 -J");
        JsonNode iperf = JSON.readTree(JSON.readTree(r.stdout()).path("out-data").asText());
        return iperf.at("/end/sum_sent/bits_per_second").asDouble() / 1e9;
    }


    @Test
    void iperf3ToAThrottledMigratingGuestDips() throws Exception {
        start("9.2", 7);
        String ip101 = cluster.model().vm(101).orElseThrow().ip();
        double before = iperfGbit(ip101);
        io.pvebench.sim.model.LiveMigration.Plan plan = io.pvebench.sim.model.LiveMigration.plan(
                new io.pvebench.sim.model.LiveMigration.Params(4L << 30, 3L << 30, 3_000.0 * (1 << 20),
                        450.0 * (1 << 20), 100), new java.util.Random(1));
        // VM 101 itself migrates, its vCPUs throttled by 30 % or more from now on
        java.time.Instant start = cluster.model().clock().now().minus(plan.throttles().get(1).at());
        cluster.model().recordMigration(new MigrationRecord(101, "pve2", "pve1", start, 450.0 * (1 << 20), plan));
        double during = iperfGbit(ip101);
        assertThat(during).isLessThan(before * 0.75);
    }


    @Test
    void fpingAt10MsLosesThePacketsSentDuringTheDowntime() throws Exception {
        start("9.2", 7, 2, 40);
        String ip100 = cluster.model().vm(100).orElseThrow().ip();
        // a heavy guest's plan: its downtime was auto-increased to several hundred ms
        io.pvebench.sim.model.LiveMigration.Plan plan = io.pvebench.sim.model.LiveMigration.plan(
                new io.pvebench.sim.model.LiveMigration.Params(4L << 30, 3L << 30, 3_000.0 * (1 << 20),
                        450.0 * (1 << 20), 100), new java.util.Random(1));
        // VM 100's switch-over falls well into the fping run, whatever the SSH round trip costs
        java.time.Instant start = cluster.model().clock().now().plusSeconds(20).minus(plan.switchover());
        MigrationRecord m = new MigrationRecord(100, "pve1", "pve2", start, 450.0 * (1 << 20), plan);
        cluster.model().recordMigration(m);
        SshClient.Result r = ssh.run("pve2", "qm guest exec 101 --timeout 120 -- fping -q -c 6000 -p 10 " + ip100);
        String err = JSON.readTree(r.stdout()).get("err-data").asText();
        java.util.regex.Matcher x = java.util.regex.Pattern.compile("xmt/rcv/%loss = 6000/(\\d+)/").matcher(err);
        assertThat(x.find()).as(err).isTrue();
        long lost = 6000 - Long.parseLong(x.group(1));
        assertThat(m.downtime().toMillis()).isGreaterThan(100);
        assertThat(lost).isCloseTo(Math.round(m.downtime().toMillis() / 10.0),
                org.assertj.core.api.Assertions.within(1L));
    }

}
