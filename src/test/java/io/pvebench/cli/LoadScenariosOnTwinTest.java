package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pvebench.assess.Verdict;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.CaseResult;
import io.pvebench.run.Phase;
import io.pvebench.run.StepRecord;
import io.pvebench.run.StepStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load scenarios end to end on the embedded twin: stress-ng scaled to the VMs, the
 * network measured under the load in both directions, usage sampled every second with
 * the warm-up kept apart, the load's aim checked, and the load gone at the end.
 */
@Tag("sim")
class LoadScenariosOnTwinTest {

    @TempDir
    static Path dir;

    private static PipelineRunner.Outcome outcome;

    @BeforeAll
    static void runIdleHeavyAndAnomaly() throws Exception {
        Path file = dir.resolve("loads.yaml");
        Files.writeString(file, """
                name: loads
                cluster: twin
                twin: {nodes: 2, pve: "9.2", timeScale: 50}
                vmSpecs:
                  - {name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}
                scenarios: [idle, heavy, anomaly]
                measure:
                  warmup: 30s
                  iperf3: {duration: 10s}
                  ping: {count: 20, interval: 200ms}
                objectives:
                  throughput: {min: 9 Gbit/s}
                  packetLoss: {max: 0 %}
                """);
        outcome = PipelineRunner.run(PipelineLoader.load(file), PipelineRunner.Options.of(dir.resolve("runs"), 3,
                Map.of(), new PrintStream(new ByteArrayOutputStream()), List.of()));
    }

    private static CaseResult kase(String scenario) {
        return outcome.result().cases().stream().filter(c -> c.plan().scenario().equals(scenario)).findFirst()
                .orElseThrow();
    }

    private static List<Sample> samples(CaseResult c, String metric) {
        return c.samples().stream().filter(s -> s.metric().equals(metric)).toList();
    }

    @Test
    void everyScenarioLoadsMeasuresUnderLoadAndUnloads() {
        assertThat(outcome.exitCode()).isZero();
        for (CaseResult c : outcome.result().cases()) {
            assertThat(c.assessment().verdict()).as(c.plan().id()).isEqualTo(Verdict.PASS);
            assertThat(c.steps()).extracting(StepRecord::name)
                    .containsExactly("setup", "load", "measure", "unload", "collect", "teardown");
            assertThat(c.steps()).extracting(StepRecord::status).containsOnly(StepStatus.PASSED);
        }
    }

    @Test
    void throughputStaysStableFromIdleToHeavyAndNothingIsLost() {
        double idle = mean(samples(kase("idle"), "throughput"));
        double heavy = mean(samples(kase("heavy"), "throughput"));
        assertThat(samples(kase("heavy"), "throughput")).extracting(s -> s.labels().get("direction"))
                .containsExactlyInAnyOrder("forward", "reverse");
        assertThat(heavy / idle).isCloseTo(1.0, within(0.05));
        assertThat(samples(kase("heavy"), "packet_loss")).extracting(Sample::value).containsOnly(0.0);
    }

    @Test
    void heavyLoadIsCheckedAgainstItsAimInBothVms() {
        List<Sample> targets = samples(kase("heavy"), "load_cpu_target");
        assertThat(targets).extracting(s -> s.labels().get("vmid")).containsExactlyInAnyOrder("101", "102");
        assertThat(targets).extracting(Sample::value).containsOnly(90.0);
        assertThat(samples(kase("heavy"), "load_cpu_error")).allSatisfy(s ->
                assertThat(Math.abs(s.value())).isLessThanOrEqualTo(15));
        assertThat(samples(kase("idle"), "load_cpu_target")).isEmpty();
    }

    @Test
    void usageIsSampledEverySecondWithTheWarmupLabelledApart() {
        CaseResult heavy = kase("heavy");
        List<Sample> vm101 = samples(heavy, "vm_cpu").stream().filter(s -> "101".equals(s.labels().get("vmid")))
                .toList();
        List<Sample> warm = vm101.stream().filter(s -> "warmup".equals(s.labels().get("phase"))).toList();
        // at most one reading a second of cluster time (fewer when a read takes longer than that on a
        // busy machine: the twin runs 50 times faster than the SSH round trips it answers)
        Phase warmup = heavy.phases().get(0);
        long warmupSeconds = java.time.Duration.between(warmup.start(), warmup.end()).toSeconds();
        assertThat(warm.size()).isBetween(3, (int) warmupSeconds + 1);
        assertThat(vm101.size() - warm.size()).isGreaterThan(20);
        // under heavy load after the ramp the guest runs near its aim (90 %), within the load check's own
        // tolerance; one reading alone may dip under a busy host, their mean over the last ten does not
        List<Sample> lastTen = vm101.subList(vm101.size() - 10, vm101.size());
        assertThat(mean(lastTen)).isCloseTo(90.0, within(15.0));
        assertThat(samples(heavy, "node_cpu")).extracting(s -> s.labels().get("node")).contains("pve1", "pve2");
    }

    @Test
    void phasesFollowOneAnotherOnTheClustersClock() {
        List<Phase> phases = kase("heavy").phases();
        assertThat(phases).extracting(Phase::name)
                .containsExactly("warmup", "iperf3 forward", "iperf3 reverse", "latency");
        for (int i = 1; i < phases.size(); i++) {
            assertThat(phases.get(i).start()).isAfterOrEqualTo(phases.get(i - 1).end());
        }
        // 30 s, longer only while the load check still lacks its readings
        assertThat(java.time.Duration.between(phases.get(0).start(), phases.get(0).end()))
                .isBetween(java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(90));
        // the iperf3 intervals lie inside their phase: the tools and pvebench share the cluster's time
        Phase forward = phases.get(1);
        assertThat(samples(kase("heavy"), "throughput_interval").stream()
                .filter(s -> "forward".equals(s.labels().get("direction")))).allSatisfy(s ->
                assertThat(s.timestamp()).isBetween(forward.start().minusSeconds(1), forward.end()));
    }

    @Test
    void anomalyBurstsAreStartedStoppedAndMarked() {
        CaseResult anomaly = kase("anomaly");
        List<Phase> bursts = anomaly.phases().stream().filter(p -> p.name().startsWith("burst")).toList();
        assertThat(bursts).isNotEmpty();
        assertThat(bursts.get(0).name()).isEqualTo("burst 1");
        List<Sample> ops = samples(anomaly, "bogo_ops");
        assertThat(ops).extracting(s -> s.labels().get("load")).contains("steady", "burst 1");
        // the steady 20 % and the bursts' peaks both show in the sampled guest CPU
        List<Double> cpu = samples(anomaly, "vm_cpu").stream().map(Sample::value).toList();
        assertThat(cpu.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isGreaterThan(35);
    }

    @Test
    void everyLoadProcessReportedAndItsOutputIsKept() throws Exception {
        CaseResult heavy = kase("heavy");
        Path raw = outcome.result().info().folder().resolve("raw").resolve(heavy.plan().id());
        try (Stream<Path> files = Files.list(raw)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names).anySatisfy(n -> assertThat(n).contains("unload-stress-ng-steady-vm101"))
                    .anySatisfy(n -> assertThat(n).contains("unload-stress-ng-steady-vm102"))
                    .contains("cluster-resources.jsonl");
        }
        assertThat(samples(heavy, "bogo_ops")).extracting(s -> s.labels().get("vmid")).contains("101", "102");
        // the load was stopped by pvebench, not by its own timeout
        assertThat(Files.readAllLines(outcome.result().info().folder().resolve("raw/commands.jsonl")))
                .anySatisfy(l -> assertThat(l).contains("\"scope\":\"" + heavy.plan().id() + "\"")
                        .contains("\"stage\":\"unload\"").contains("-- kill -TERM "));
    }

    private static double mean(List<Sample> samples) {
        return samples.stream().mapToDouble(Sample::value).average().orElseThrow();
    }
}
