package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.assess.Verdict;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.CasePlan;
import io.pvebench.pipeline.Matrix;
import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.CaseResult;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunListener;
import io.pvebench.run.StepRecord;
import io.pvebench.run.StopSignal;
import io.pvebench.sim.SimHardware;
import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.HostNetwork;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration variants end to end on the twin, reached through a cluster file that allows
 * destructive changes: each case runs under its variant, its samples say which, and the
 * cluster is as it was found after the run, also when the run is stopped.
 */
@Tag("sim")
class VariantsOnTwinTest {

    private static final String PASSWORD = "variants-test-pw";

    @TempDir
    Path dir;

    private Path pipeline(TwinCluster cluster, String variants, int repetitions) throws Exception {
        Path file = cluster.folder.resolve("variants.yaml");
        Files.writeString(file, """
                name: lab-variants
                cluster: clusters/lab.yaml
                vmSpecs:
                  - {name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}
                variants:
                %s
                repetitions: %d
                measure:
                  iperf3: {duration: 3s, streams: 1}
                  ping: {count: 5, interval: 200ms}
                  warmup: 0s
                timeouts:
                  command: 20s
                """.formatted(variants, repetitions));
        return file;
    }

    private PipelineRunner.Outcome run(Path pipeline, long seed, StopSignal stop, List<RunListener> listeners) {
        return PipelineRunner.run(PipelineLoader.load(pipeline),
                new PipelineRunner.Options(dir.resolve("reports"), seed, Path.of("routes"),
                        Map.of(TwinCluster.PASSWORD_VARIABLE, PASSWORD), new PrintStream(new ByteArrayOutputStream()),
                        listeners, false, Clock.systemUTC(), stop));
    }

    private static final String MTU_VARIANTS = """
              - {name: mtu1500, mtu: 1500}
              - {name: jumbo, mtu: 9000}""";

    /** Mean of the case-level forward throughput over the cases of {@code variant}, bit/s. */
    private static double throughput(PipelineRunner.Outcome outcome, String variant) {
        OptionalDouble mean = outcome.result().cases().stream()
                .filter(c -> c.plan().variantName().equals(variant))
                .flatMap(c -> c.samples().stream())
                .filter(s -> s.metric().equals("throughput") && "forward".equals(s.labels().get("direction"))
                        && !s.labels().containsKey("interval_start"))
                .mapToDouble(Sample::value).average();
        return mean.orElseThrow();
    }

    /** Every MTU the cluster's nodes and the pair's guests have now. */
    private static List<Integer> mtus(TwinCluster cluster) {
        ClusterModel model = cluster.twin.model();
        List<Integer> mtus = new ArrayList<>();
        for (String node : List.of("pve1", "pve2")) {
            model.network(node, HostNetwork::links).forEach(l -> mtus.add(l.mtu()));
        }
        mtus.add(model.guestMtu(101));
        mtus.add(model.guestMtu(102));
        return mtus;
    }

    @Test
    void jumboFramesMeasureHigherThroughputAndTheMtuIsBackEverywhereAfterTheRun() throws Exception {
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 5, 40, SimHardware.DEFAULT, true)) {
            PipelineRunner.Outcome outcome = run(pipeline(cluster, MTU_VARIANTS, 2), 11, new StopSignal(), List.of());

            List<CaseResult> cases = outcome.result().cases();
            assertThat(cases).hasSize(4).allSatisfy(c -> {
                assertThat(c.assessment().verdict()).as(c.assessment().reason()).isEqualTo(Verdict.PASS);
                assertThat(c.steps()).extracting(StepRecord::name).startsWith("setup", "configure", "load");
                assertThat(c.samples()).isNotEmpty().allSatisfy(s ->
                        assertThat(s.labels()).containsEntry("variant", c.plan().variantName()));
            });
            assertThat(cases).extracting(c -> c.plan().id()).contains("small-idle-jumbo-r1", "small-idle-mtu1500-r2");
            double jumbo = throughput(outcome, "jumbo");
            double standard = throughput(outcome, "mtu1500");
            assertThat(standard / 1e9).isCloseTo(9.41, within(0.05));
            assertThat(jumbo / 1e9).isCloseTo(9.90, within(0.05));
            assertThat(mtus(cluster)).containsOnly(1500);
            assertThat(outcome.leftChanged()).isEmpty();
            assertThat(outcome.exitCode()).isZero();

            Path folder = outcome.result().info().folder();
            JsonNode summary = RunFolder.JSON.readTree(folder.resolve("summary.json").toFile());
            assertThat(summary.get("cases").findValuesAsText("variant")).containsOnly("jumbo", "mtu1500").hasSize(4);
            List<JsonNode> allure = new ArrayList<>();
            try (var files = Files.list(folder.resolve("allure-results"))) {
                for (Path f : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                    allure.add(RunFolder.JSON.readTree(f.toFile()));
                }
            }
            assertThat(allure).filteredOn(t -> t.get("name").asText().contains("-jumbo-")).hasSize(2)
                    .allSatisfy(t -> {
                        assertThat(t.get("parameters").findValuesAsText("value")).contains("jumbo", "mtu 9000");
                        assertThat(t.get("labels").findValuesAsText("value")).contains("variant:jumbo");
                    });
            List<String> journal = Files.readAllLines(folder.resolve("raw/run/variants.jsonl"));
            assertThat(journal).anySatisfy(l -> assertThat(l).contains("\"event\":\"change\"")
                    .contains("pve1 vmbr0 mtu 1500 -> 9000"));
            assertThat(journal).anySatisfy(l -> assertThat(l).contains("\"event\":\"restored\"")
                    .contains("pve2 eno1 mtu 9000 -> 1500"));
        }
    }

    /** A seed whose run order has two jumbo cases in a row, the first of them at {@code index} or later. */
    private static long seedWithConsecutiveJumbo(Pipeline pipeline) {
        for (long seed = 1; ; seed++) {
            List<CasePlan> order = Matrix.runOrder(pipeline, seed);
            for (int i = 0; i + 1 < order.size(); i++) {
                if (order.get(i).variantName().equals("jumbo") && order.get(i + 1).variantName().equals("jumbo")) {
                    return seed;
                }
            }
        }
    }

    @Test
    void aStopDuringAJumboCasePutsTheMtuBackInItsTeardown() throws Exception {
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 5, 40, SimHardware.DEFAULT, true)) {
            StopSignal stop = new StopSignal();
            PipelineRunner.Outcome outcome = run(pipeline(cluster, MTU_VARIANTS, 2), 11, stop, List.of(
                    new RunListener() {
                        @Override
                        public void stepFinished(CasePlan plan, StepRecord step) {
                            if (plan.variantName().equals("jumbo") && step.name().equals("measure")) {
                                stop.request("test stop");
                            }
                        }
                    }));

            CaseResult stopped = outcome.result().cases().stream()
                    .filter(c -> "run stopped: test stop".equals(c.assessment().reason())).findFirst().orElseThrow();
            assertThat(stopped.plan().variantName()).isEqualTo("jumbo");
            assertThat(stopped.steps()).extracting(StepRecord::name).endsWith("teardown");
            assertThat(mtus(cluster)).containsOnly(1500);
            assertThat(outcome.leftChanged()).isEmpty();
        }
    }

    @Test
    void aStopBetweenTwoJumboCasesLeavesTheVariantToTheRestoreAtTheEndOfTheRun() throws Exception {
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 5, 40, SimHardware.DEFAULT, true)) {
            Path file = pipeline(cluster, MTU_VARIANTS, 3);
            long seed = seedWithConsecutiveJumbo(PipelineLoader.load(file));
            StopSignal stop = new StopSignal();
            List<CasePlan> order = Matrix.runOrder(PipelineLoader.load(file), seed);
            PipelineRunner.Outcome outcome = run(file, seed, stop, List.of(new RunListener() {
                @Override
                public void caseFinished(CaseResult result) {
                    int i = order.indexOf(result.plan());
                    // the case kept jumbo for the next one, which now never runs
                    if (result.plan().variantName().equals("jumbo") && i + 1 < order.size()
                            && order.get(i + 1).variantName().equals("jumbo")) {
                        assertThat(cluster.twin.model().guestMtu(101)).isEqualTo(9000);
                        stop.request("test stop");
                    }
                }
            }));

            assertThat(outcome.result().cases()).anySatisfy(c ->
                    assertThat(c.assessment().reason()).isEqualTo("not run: run stopped: test stop"));
            assertThat(mtus(cluster)).containsOnly(1500);
            assertThat(outcome.result().environment().get("variants.restoredAtEnd"))
                    .contains("pve1 vmbr0 mtu 1500 -> 9000");
            assertThat(outcome.leftChanged()).isEmpty();
        }
    }

    @Test
    void roundRobinBondsCarryOneStreamBeyondOneLinkAndTheBondModeIsBackAfterwards() throws Exception {
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 5, 40, SimHardware.DEFAULT.withBond(2, "active-backup"),
                true)) {
            PipelineRunner.Outcome outcome = run(pipeline(cluster, """
                      - {name: as-found}
                      - {name: rr, bondMode: balance-rr}""", 1), 3, new StopSignal(), List.of());

            assertThat(outcome.result().cases()).allSatisfy(c ->
                    assertThat(c.assessment().verdict()).as(c.assessment().reason()).isEqualTo(Verdict.PASS));
            assertThat(throughput(outcome, "as-found") / 1e9).isCloseTo(9.41, within(0.05));
            assertThat(throughput(outcome, "rr") / 1e9).isGreaterThan(15);
            for (String node : List.of("pve1", "pve2")) {
                String mode = cluster.twin.model().network(node, HostNetwork::bondMode);
                assertThat(mode).isEqualTo("active-backup");
            }
        }
    }

    @Test
    void aVariantThatDoesNotTakeBreaksItsCaseWithTheReasonAndWhatItChangedIsPutBack() throws Exception {
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 5, 40, SimHardware.DEFAULT, true)) {
            cluster.twin.failCommands("pve2", "ip link set dev vmbr0 mtu 9000", 2,
                    "Error: mtu greater than device maximum.\n");

            PipelineRunner.Outcome outcome = run(pipeline(cluster, MTU_VARIANTS, 1), 11, new StopSignal(), List.of());

            CaseResult jumbo = outcome.result().cases().stream().filter(c -> c.plan().variantName().equals("jumbo"))
                    .findFirst().orElseThrow();
            assertThat(jumbo.assessment().verdict()).isEqualTo(Verdict.BROKEN);
            assertThat(jumbo.assessment().reason()).contains("ip link set dev vmbr0 mtu 9000")
                    .contains("mtu greater than device maximum");
            assertThat(jumbo.steps()).extracting(StepRecord::name).containsExactly("setup", "configure", "teardown");
            assertThat(outcome.result().cases()).filteredOn(c -> c.plan().variantName().equals("mtu1500"))
                    .allSatisfy(c -> assertThat(c.assessment().verdict()).isEqualTo(Verdict.PASS));
            // pve1's devices and pve2's uplink had been raised before pve2's bridge refused
            assertThat(mtus(cluster)).containsOnly(1500);
            assertThat(outcome.leftChanged()).isEmpty();
        }
    }
}
