package io.pvebench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pvebench.sim.model.Journal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Proxmox VE 9.2's automatic rebalancing in the twin: the master CRM's 10-second round
 * measures the node imbalance, waits the hold duration, moves the best HA VM through the
 * HA stack (a {@code qmigrate} task started by the source's LRM) and logs it in
 * {@code pve-ha-crm}'s journal.
 */
class SimCrsAutoRebalanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double SCALE = 50;
    private static final long GIB = 1L << 30;
    private static final Pattern REBALANCE = Pattern.compile(
            "auto rebalance - migrate (vm:\\d+) to (pve\\d) \\(expected change for imbalance from (\\d\\.\\d\\d) to "
                    + "(\\d\\.\\d\\d)\\)");

    private SimCluster cluster;
    private SshClient ssh;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private void start(String version, List<SimVmSpec> vms, SimHardware hardware, String... ha) {
        cluster = SimCluster.start(new SimSpec("sim", version, 2, 11, SCALE, vms, "root", "sim", List.of())
                .withHardware(hardware).withHaResources(ha));
        ssh = new SshClient(cluster);
    }

    /** HA VMs 101.. on pve1 (shared storage, so they migrate live), 4 vCPUs each, and an idle non-HA VM on pve2. */
    private void startLoaded(String version, int haVms, long memory, SimHardware hardware) throws Exception {
        List<SimVmSpec> vms = new ArrayList<>();
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < haVms; i++) {
            vms.add(new SimVmSpec(101 + i, "ha" + (101 + i), "pve1", 4, memory, 32 * GIB, "ceph"));
            sids.add("vm:" + (101 + i));
        }
        vms.add(new SimVmSpec(200, "plain", "pve2", 2, 2 * GIB, 32 * GIB, "ceph"));
        start(version, vms, hardware, sids.toArray(String[]::new));
        for (int i = 0; i < haVms; i++) {
            stress(101 + i, 3);
        }
        // let a full pvestatd period see the load
        waitModel(Duration.ofSeconds(25));
    }

    private void stress(int vmid, int cpus) throws Exception {
        SshClient.Result r = ssh.run(cluster.model().nodeOf(vmid), "qm guest exec " + vmid
                + " --synchronous 0 -- stress-ng --cpu " + cpus + " --cpu-load 100 --timeout 7200s");
        assertThat(r.exitStatus()).as(r.stderr()).isZero();
    }

    private void setCrs(String value) throws Exception {
        SshClient.Result r = ssh.run("pve1", "pvesh set /cluster/options --crs " + value);
        assertThat(r.exitStatus()).as(r.stderr()).isZero();
    }

    private void waitModel(Duration d) throws InterruptedException {
        Instant until = cluster.model().clock().now().plus(d);
        while (cluster.model().clock().now().isBefore(until)) {
            Thread.sleep(5);
        }
    }

    private List<Journal.Entry> crm() {
        return cluster.model().journal(cluster.model().ha(ha -> ha.master()), "pve-ha-crm");
    }

    private List<String> crmLines() {
        return crm().stream().map(Journal.Entry::message).toList();
    }

    private List<Journal.Entry> rebalances() {
        return crm().stream().filter(e -> REBALANCE.matcher(e.message()).matches()).toList();
    }

    private Instant at(String message) {
        return crm().stream().filter(e -> e.message().equals(message)).findFirst().orElseThrow().time();
    }

    private void waitFor(java.util.function.BooleanSupplier condition, long wallMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + wallMillis;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("timed out").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private boolean settled() {
        return cluster.model().ha(ha -> !ha.motionQueuedOrRunning());
    }

    private List<JsonNode> qmigrateTasks(String node) throws Exception {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode t : JSON.readTree(ssh.run(node, "pvesh get /nodes/" + node + "/tasks --output-format json")
                .stdout())) {
            if (t.get("type").asText().equals("qmigrate")) {
                result.add(t);
            }
        }
        return result;
    }

    /** Node and guest usage as {@code /cluster/resources} reports them: cores and bytes. */
    private record Usage(double cpu, double maxcpu, double mem, double maxmem) {
        double load() {
            return (cpu / maxcpu + mem / maxmem) / 2;
        }
    }

    private Map<String, Usage> resources() throws Exception {
        Map<String, Usage> out = new HashMap<>();
        for (JsonNode e : JSON.readTree(ssh.run("pve2", "pvesh get /cluster/resources --output-format json")
                .stdout())) {
            String type = e.get("type").asText();
            if (type.equals("node") || type.equals("qemu")) {
                String key = type.equals("node") ? e.get("node").asText() : "vm:" + e.get("vmid").asInt();
                double maxcpu = e.get("maxcpu").asDouble();
                out.put(key, new Usage(e.get("cpu").asDouble() * maxcpu, maxcpu, e.get("mem").asDouble(),
                        e.get("maxmem").asDouble()));
            }
        }
        return out;
    }

    private static double imbalance(double a, double b) {
        return Math.abs(a - b) / (a + b);
    }

    /** Two nodes: the imbalance now and after the best move of one of {@code sids} from pve1 to pve2. */
    private static double[] expected(Map<String, Usage> r, List<String> sids) {
        Usage n1 = r.get("pve1");
        Usage n2 = r.get("pve2");
        double before = imbalance(n1.load(), n2.load());
        double best = Double.MAX_VALUE;
        for (String sid : sids) {
            Usage g = r.get(sid);
            double a = ((n1.cpu() - g.cpu()) / n1.maxcpu() + (n1.mem() - g.mem()) / n1.maxmem()) / 2;
            double b = ((n2.cpu() + g.cpu()) / n2.maxcpu() + (n2.mem() + g.mem()) / n2.maxmem()) / 2;
            best = Math.min(best, imbalance(a, b));
        }
        return new double[] {before, best};
    }

    @Test
    void aLoadedNodeGivesOneHaVmToTheIdleNodeAfterTheHoldDurationThroughTheHaStack() throws Exception {
        startLoaded("9.2", 3, 4 * GIB, SimHardware.DEFAULT);
        Map<String, Usage> seen = resources();
        double[] want = expected(seen, List.of("vm:101", "vm:102", "vm:103"));
        assertThat(want[0]).isGreaterThan(0.5);
        setCrs("ha=dynamic,ha-auto-rebalance=1");

        waitFor(() -> !rebalances().isEmpty(), 30_000);
        Journal.Entry line = rebalances().get(0);
        Matcher m = REBALANCE.matcher(line.message());
        assertThat(m.matches()).isTrue();
        String sid = m.group(1);
        assertThat(m.group(2)).isEqualTo("pve2");
        assertThat(Double.parseDouble(m.group(3))).isCloseTo(want[0], within(0.03));
        assertThat(Double.parseDouble(m.group(4))).isCloseTo(want[1], within(0.03));
        // the mode switch happens in the first round after the change: that round and two more make the hold of 3
        Instant switched = at("switching scheduler mode from 'basic' to 'dynamic'");
        // (journal stamps carry the round's sub-second jitter: two rounds later is more than 15 s later)
        assertThat(Duration.between(switched, line.time())).isGreaterThan(Duration.ofSeconds(15));

        waitFor(this::settled, 30_000);
        int vmid = Integer.parseInt(sid.substring(3));
        assertThat(cluster.model().nodeOf(vmid)).isEqualTo("pve2");
        List<String> lines = crmLines();
        int k = lines.indexOf(line.message());
        assertThat(lines.subList(k + 1, k + 4)).containsExactly(
                "got crm command: migrate " + sid + " pve2",
                "migrate service '" + sid + "' to node 'pve2'",
                "service '" + sid + "': state changed from 'started' to 'migrate'  (node = pve1, target = pve2)");
        assertThat(lines).contains("service '" + sid + "': state changed from 'migrate' to 'started'  (node = pve2)");
        assertThat(ssh.run("pve1", "journalctl -u pve-ha-crm").stdout()).contains(line.message());

        List<JsonNode> tasks = qmigrateTasks("pve1");
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("id").asText()).isEqualTo(Integer.toString(vmid));
        assertThat(tasks.get(0).get("status").asText()).isEqualTo("OK");
        JsonNode log = JSON.readTree(ssh.run("pve1", "pvesh get /nodes/pve1/tasks/" + tasks.get(0).get("upid")
                .asText() + "/log --output-format json").stdout());
        assertThat(log.get(0).get("t").asText()).isEqualTo("task started by HA resource agent");
        assertThat(cluster.model().lastMigration(vmid)).isPresent();
        assertThat(cluster.model().journal("pve1", "pve-ha-lrm").stream().map(Journal.Entry::message))
                .contains("<root@pam> starting task " + tasks.get(0).get("upid").asText(),
                        "<root@pam> end task " + tasks.get(0).get("upid").asText() + " OK");

        // one VM moved leaves pve1 with two: below the threshold, nothing more moves
        waitModel(Duration.ofSeconds(60));
        assertThat(rebalances()).hasSize(1);
        assertThat(ssh.run("pve1", "ha-manager status").stdout())
                .containsPattern("master pve1 \\(active, .*\\) - dynamic load CRS\n")
                .contains("service " + sid + " (pve2, started)");
    }

    @Test
    void nothingMovesWhileTheImbalanceStaysAtOrBelowTheThreshold() throws Exception {
        startLoaded("9.2", 3, 4 * GIB, SimHardware.DEFAULT);
        double before = expected(resources(), List.of("vm:101"))[0];
        assertThat(before).isBetween(0.5, 0.95);
        setCrs("ha=dynamic,ha-auto-rebalance=1,ha-auto-rebalance-threshold=97");
        waitModel(Duration.ofSeconds(80));
        assertThat(crmLines()).contains("switching scheduler mode from 'basic' to 'dynamic'");
        assertThat(rebalances()).isEmpty();
        assertThat(qmigrateTasks("pve1")).isEmpty();
    }

    @Test
    void aSecondMoveWaitsUntilTheFirstMigrationHasEnded() throws Exception {
        // 8 GiB guests over 1 Gbit/s: a live migration takes longer than a CRM round
        startLoaded("9.2", 4, 8 * GIB, new SimHardware(1, 1500, 1, "none", "local-lvm"));
        setCrs("ha=dynamic,ha-auto-rebalance=1,ha-auto-rebalance-hold-duration=1");
        waitFor(() -> !rebalances().isEmpty(), 30_000);
        Matcher moving = REBALANCE.matcher(rebalances().get(0).message());
        assertThat(moving.matches()).isTrue();
        // the CRM shows the service migrating, still on its source, until it settles the LRM's result
        assertThat(ssh.run("pve2", "ha-manager status").stdout()).contains("service " + moving.group(1)
                + " (pve1, migrate)");
        waitFor(() -> rebalances().size() >= 2, 60_000);
        List<Journal.Entry> moves = rebalances();
        Matcher first = REBALANCE.matcher(moves.get(0).message());
        assertThat(first.matches()).isTrue();
        Instant settledAt = at("service '" + first.group(1) + "': state changed from 'migrate' to 'started'  (node = "
                + "pve2)");
        // rounds passed while the first VM migrated (hold duration 1 would have moved again), yet nothing moved
        assertThat(Duration.between(moves.get(0).time(), settledAt)).isGreaterThan(Duration.ofSeconds(15));
        assertThat(moves.get(1).time()).isAfter(settledAt);
        JsonNode firstTask = qmigrateTasks("pve1").stream()
                .filter(t -> t.get("id").asText().equals(first.group(1).substring(3))).findFirst().orElseThrow();
        assertThat(moves.get(1).time().getEpochSecond()).isGreaterThanOrEqualTo(firstTask.get("endtime").asLong());
        waitFor(this::settled, 60_000);
        waitModel(Duration.ofSeconds(40));
        // two and two: balanced
        assertThat(rebalances()).hasSize(2);
    }

    @Test
    void theMarginBlocksAMoveThatImprovesTooLittle() throws Exception {
        startLoaded("9.2", 3, 4 * GIB, SimHardware.DEFAULT);
        double[] want = expected(resources(), List.of("vm:101", "vm:102", "vm:103"));
        double gain = (want[0] - want[1]) / want[0];
        assertThat(gain).isBetween(0.3, 0.85);
        setCrs("ha=dynamic,ha-auto-rebalance=1,ha-auto-rebalance-margin=90,ha-auto-rebalance-hold-duration=1");
        waitModel(Duration.ofSeconds(80));
        assertThat(rebalances()).isEmpty();
        assertThat(qmigrateTasks("pve1")).isEmpty();
        setCrs("ha=dynamic,ha-auto-rebalance=1,ha-auto-rebalance-margin=20,ha-auto-rebalance-hold-duration=1");
        waitFor(() -> !rebalances().isEmpty(), 30_000);
    }

    @Test
    void aStrictNodeAffinityRuleKeepsItsVmsOnTheirNode() throws Exception {
        startLoaded("9.2", 3, 4 * GIB, SimHardware.DEFAULT);
        SshClient.Result rule = ssh.run("pve1",
                "ha-manager rules add node-affinity stay --resources vm:101,vm:102 --nodes pve1 --strict 1");
        assertThat(rule.exitStatus()).as(rule.stderr()).isZero();
        setCrs("ha=dynamic,ha-auto-rebalance=1");
        waitFor(() -> !rebalances().isEmpty(), 30_000);
        assertThat(rebalances().get(0).message()).startsWith("auto rebalance - migrate vm:103 to pve2 ");
        waitFor(this::settled, 30_000);
        assertThat(cluster.model().nodeOf(103)).isEqualTo("pve2");
    }

    @Test
    void servicesInPositiveAffinityMoveTogetherAsOneBundle() throws Exception {
        startLoaded("9.2", 4, 4 * GIB, SimHardware.DEFAULT);
        SshClient.Result rule = ssh.run("pve1",
                "ha-manager rules add resource-affinity keep-together --resources vm:102,vm:103 --affinity positive");
        assertThat(rule.exitStatus()).as(rule.stderr()).isZero();
        setCrs("ha=dynamic,ha-auto-rebalance=1");
        waitFor(() -> !rebalances().isEmpty(), 30_000);
        // moving the pair leaves two busy guests on each node: the best move
        String line = rebalances().get(0).message();
        assertThat(line).startsWith("auto rebalance - migrate vm:102 to pve2 ");
        List<String> lines = crmLines();
        int k = lines.indexOf(line);
        assertThat(lines.subList(k + 1, k + 7)).containsExactly(
                "got crm command: migrate vm:102 pve2",
                "crm command 'migrate vm:102 pve2' - migrate service 'vm:103' to node 'pve2' (service 'vm:103' in "
                        + "positive affinity with service 'vm:102')",
                "migrate service 'vm:102' to node 'pve2'",
                "service 'vm:102': state changed from 'started' to 'migrate'  (node = pve1, target = pve2)",
                "migrate service 'vm:103' to node 'pve2'",
                "service 'vm:103': state changed from 'started' to 'migrate'  (node = pve1, target = pve2)");
        waitFor(this::settled, 30_000);
        assertThat(cluster.model().nodeOf(102)).isEqualTo("pve2");
        assertThat(cluster.model().nodeOf(103)).isEqualTo("pve2");
        assertThat(qmigrateTasks("pve1")).hasSize(2);
    }

    @Test
    void staticModeBalancesByConfiguredVcpusAndMemory() throws Exception {
        List<SimVmSpec> vms = List.of(
                new SimVmSpec(101, "big", "pve1", 8, 16 * GIB, 32 * GIB, "ceph"),
                new SimVmSpec(102, "small", "pve1", 2, 2 * GIB, 32 * GIB, "ceph"),
                new SimVmSpec(103, "small2", "pve1", 2, 2 * GIB, 32 * GIB, "ceph"));
        start("9.2", vms, SimHardware.DEFAULT, "vm:101", "vm:102", "vm:103");
        // the small guest is busy, the big one idle: dynamic usage would tell otherwise
        stress(102, 2);
        waitModel(Duration.ofSeconds(25));
        setCrs("ha=static,ha-auto-rebalance=1");
        waitFor(() -> !rebalances().isEmpty(), 30_000);
        // pve1 (12/16 + 20/64)/2 against an empty pve2: 1.00; after vm:101 moves (4/16 + 4/64)/2 against
        // (8/16 + 16/64)/2: 0.41
        assertThat(rebalances().get(0).message()).isEqualTo(
                "auto rebalance - migrate vm:101 to pve2 (expected change for imbalance from 1.00 to 0.41)");
        assertThat(crmLines()).contains("switching scheduler mode from 'basic' to 'static'");
        waitFor(this::settled, 30_000);
        assertThat(cluster.model().nodeOf(101)).isEqualTo("pve2");
        assertThat(ssh.run("pve1", "ha-manager status").stdout()).contains(" - static load CRS\n");
    }

    @Test
    void topsisIsAcceptedAndBalancesByBruteForceWithANoteInTheJournal() throws Exception {
        startLoaded("9.2", 3, 4 * GIB, SimHardware.DEFAULT);
        setCrs("ha=dynamic,ha-auto-rebalance=1,ha-auto-rebalance-method=topsis");
        waitFor(() -> !rebalances().isEmpty(), 30_000);
        assertThat(crmLines()).containsOnlyOnce(
                "auto rebalance - method 'topsis' is not simulated by the twin, using 'bruteforce'");
        waitFor(this::settled, 30_000);
    }

    @Test
    void withAutoRebalanceOffTheDynamicSchedulerMovesNothing() throws Exception {
        startLoaded("9.2", 3, 4 * GIB, SimHardware.DEFAULT);
        setCrs("ha=dynamic");
        waitModel(Duration.ofSeconds(60));
        setCrs("ha=dynamic,ha-auto-rebalance=0");
        waitModel(Duration.ofSeconds(60));
        assertThat(crmLines()).contains("switching scheduler mode from 'basic' to 'dynamic'");
        assertThat(rebalances()).isEmpty();
        assertThat(qmigrateTasks("pve1")).isEmpty();
        assertThat(cluster.model().nodeOf(101)).isEqualTo("pve1");
    }

    @Test
    void aManualHaMigrationTakesTheSameCrmAndLrmSteps() throws Exception {
        startLoaded("9.2", 2, 4 * GIB, SimHardware.DEFAULT);
        SshClient.Result r = ssh.run("pve1", "qm migrate 101 pve2 --online");
        assertThat(r.stdout()).isEqualTo("Requesting HA migration for VM 101 to node pve2\n");
        waitFor(() -> crmLines().contains("service 'vm:101': state changed from 'migrate' to 'started'  (node = pve2)"),
                30_000);
        List<String> lines = crmLines();
        int k = lines.indexOf("got crm command: migrate vm:101 pve2");
        assertThat(k).isNotNegative();
        assertThat(lines.subList(k + 1, k + 3)).containsExactly("migrate service 'vm:101' to node 'pve2'",
                "service 'vm:101': state changed from 'started' to 'migrate'  (node = pve1, target = pve2)");
        assertThat(rebalances()).isEmpty();
        List<JsonNode> tasks = qmigrateTasks("pve1");
        assertThat(tasks).hasSize(1);
        JsonNode log = JSON.readTree(ssh.run("pve1", "pvesh get /nodes/pve1/tasks/" + tasks.get(0).get("upid")
                .asText() + "/log --output-format json").stdout());
        assertThat(log.get(0).get("t").asText()).isEqualTo("task started by HA resource agent");
        assertThat(cluster.model().nodeOf(101)).isEqualTo("pve2");
    }

    @Test
    void closingTheTwinStopsTheCrmLoop() throws Exception {
        long before = crmThreads();
        startLoaded("9.2", 1, 4 * GIB, SimHardware.DEFAULT);
        assertThat(crmThreads()).isEqualTo(before + 1);
        cluster.close();
        cluster = null;
        assertThat(crmThreads()).isEqualTo(before);
    }

    private static long crmThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sim-ha-crm") && t.isAlive()).count();
    }

    @Test
    void theProfile84NeverRebalances() throws Exception {
        startLoaded("8.4", 3, 4 * GIB, SimHardware.DEFAULT);
        SshClient.Result refused = ssh.run("pve1", "pvesh set /cluster/options --crs ha=static,ha-auto-rebalance=1");
        assertThat(refused.exitStatus()).isNotZero();
        setCrs("ha=static");
        waitModel(Duration.ofSeconds(80));
        assertThat(crmLines()).contains("switching scheduler mode from 'basic' to 'static'");
        assertThat(rebalances()).isEmpty();
        assertThat(qmigrateTasks("pve1")).isEmpty();
        assertThat(ssh.run("pve1", "ha-manager status").stdout()).contains(" - static load CRS\n");
    }
}
