package io.pvebench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pvebench.measure.Metric;
import io.pvebench.measure.Statistic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PipelineLoaderTest {

    @Test
    void loadsTheDemoPipelineWithUnitsConverted() {
        Path file = Fixtures.valid("demo.yaml");

        Pipeline demo = PipelineLoader.load(file, Fixtures.HOME);

        assertThat(demo.source()).isEqualTo(file);
        assertThat(demo.name()).isEqualTo("demo");
        assertThat(demo.description()).isEqualTo("Two-node twin, one VM per node, baseline network.");
        assertThat(demo.cluster()).isEqualTo(new TwinCluster(2, "9.2", 20));
        assertThat(demo.vmSpecs()).containsExactly(new VmSpec("small", 4, 4_294_967_296L, List.of(101, 102)));
        assertThat(demo.scenarios()).containsExactly("idle");
        assertThat(demo.repetitions()).isEqualTo(2);
        assertThat(demo.measure()).isEqualTo(new MeasureSettings(
                new Iperf3Settings(Duration.ofSeconds(10), 1, true), new PingSettings(20, Duration.ofMillis(200)),
                MeasureSettings.DEFAULT_WARMUP, MeasureSettings.DEFAULT_SAMPLE_EVERY,
                MeasureSettings.DEFAULT_LOAD_TOLERANCE));
        assertThat(demo.objectives()).containsExactly(
                new Objective(Metric.THROUGHPUT, 9e9, null, "min: 9 Gbit/s", new SourcePosition(file, 19, 3)),
                new Objective(Metric.PACKET_LOSS, null, 0.0, "max: 0 %", new SourcePosition(file, 20, 3)),
                new Objective(Metric.RTT_AVG, null, 1.0, "max: 1 ms", new SourcePosition(file, 21, 3)));
        assertThat(demo.statisticObjectives()).isEmpty();
        assertThat(demo.commandTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aMetricKeyWithADotAndAStatisticIsAnObjectiveOnThatStatisticAcrossRepetitions() {
        Path file = Fixtures.valid("statistics.yaml");

        Pipeline pipeline = PipelineLoader.load(file, Fixtures.HOME);

        assertThat(pipeline.objectives()).containsExactly(
                new Objective(Metric.THROUGHPUT, 8e9, null, "min: 8 Gbit/s", new SourcePosition(file, 9, 3)));
        assertThat(pipeline.statisticObjectives()).containsExactly(
                new StatisticObjective(Metric.THROUGHPUT, Statistic.P05, 9e9, null, "min: 9 Gbit/s",
                        new SourcePosition(file, 10, 3)),
                new StatisticObjective(Metric.PACKET_LOSS, Statistic.MAX, null, 0.0, "max: 0 %",
                        new SourcePosition(file, 11, 3)),
                new StatisticObjective(Metric.RTT_AVG, Statistic.MEAN, null, 1.0, "max: 1 ms",
                        new SourcePosition(file, 13, 3)),
                new StatisticObjective(Metric.RTT_AVG, Statistic.STDEV, null, 0.2, "max: 200 us",
                        new SourcePosition(file, 14, 3)),
                new StatisticObjective(Metric.THROUGHPUT, Statistic.CI95_LOW, 9.2e9, 1e10,
                        "min: 9.2 Gbit/s, max: 10 Gbit/s", new SourcePosition(file, 15, 3)));
        assertThat(pipeline.statisticObjectives()).extracting(StatisticObjective::key)
                .containsExactly("throughput.p05", "packetLoss.max", "rttAvg.mean", "rttAvg.stdev",
                        "throughput.ci95Low");
    }

    @Test
    void appliesEveryDefaultToAMinimalPipeline() {
        Pipeline minimal = PipelineLoader.load(Fixtures.valid("minimal.yaml"), Fixtures.HOME);

        assertThat(minimal.description()).isEmpty();
        assertThat(minimal.cluster()).isEqualTo(TwinCluster.DEFAULT).isEqualTo(new TwinCluster(2, "9.2", 20));
        assertThat(minimal.vmSpecs()).containsExactly(new VmSpec("large", 8, 16L << 30, List.of(201, 202)));
        assertThat(minimal.scenarios()).containsExactly("idle");
        assertThat(minimal.repetitions()).isEqualTo(1);
        assertThat(minimal.measure()).isEqualTo(MeasureSettings.DEFAULT);
        assertThat(MeasureSettings.DEFAULT.iperf3()).isEqualTo(new Iperf3Settings(Duration.ofSeconds(10), 1, true));
        assertThat(MeasureSettings.DEFAULT.warmup()).isEqualTo(Duration.ofSeconds(30));
        assertThat(MeasureSettings.DEFAULT.sampleEvery()).isEqualTo(Duration.ofSeconds(1));
        assertThat(minimal.loads()).isEmpty();
        assertThat(MeasureSettings.DEFAULT.ping()).isEqualTo(new PingSettings(20, Duration.ofMillis(200)));
        assertThat(minimal.objectives()).isEmpty();
        assertThat(minimal.commandTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void loadsTheClusterFileRelativeToThePipeline() {
        Pipeline full = PipelineLoader.load(Fixtures.valid("full.yaml"), Fixtures.HOME);

        assertThat(full.cluster()).isInstanceOfSatisfying(InventoryCluster.class, inventory -> {
            assertThat(inventory.definition().source()).isEqualTo(Fixtures.valid("clusters/lab.yaml"));
            assertThat(inventory.definition().name()).isEqualTo("lab");
        });
        assertThat(full.vmSpecs()).extracting(VmSpec::memoryBytes).containsExactly(4L << 30, 8_000_000_000L);
        assertThat(full.measure()).isEqualTo(new MeasureSettings(
                new Iperf3Settings(Duration.ofMinutes(1), 4, true), new PingSettings(1000, Duration.ofMillis(500)),
                MeasureSettings.DEFAULT_WARMUP, MeasureSettings.DEFAULT_SAMPLE_EVERY,
                MeasureSettings.DEFAULT_LOAD_TOLERANCE));
        assertThat(full.commandTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void convertsObjectiveBoundsToTheMetricsBaseUnit() {
        Pipeline full = PipelineLoader.load(Fixtures.valid("full.yaml"), Fixtures.HOME);

        assertThat(full.objectives()).extracting(Objective::metric, Objective::min, Objective::max, Objective::written)
                .containsExactly(
                        tuple(Metric.THROUGHPUT, 9.4e9, 1e10, "min: 9.4 Gbit/s, max: 10 Gbit/s"),
                        tuple(Metric.RTT_MAX, null, 0.5, "max: 500 us"),
                        tuple(Metric.RETRANSMITS, null, 10.0, "max: 10"));
    }

    @Test
    void readsYamlAliasesAsTheValueTheyName() {
        Pipeline aliases = PipelineLoader.load(Fixtures.valid("aliases.yaml"), Fixtures.HOME);

        assertThat(aliases.vmSpecs().get(1).source()).isEqualTo(new ListedVms(List.of(101, 102)));
    }

    @Test
    void loadsEveryValidPipelineFixture() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.ROOT.resolve("valid"))) {
            List<Path> pipelines = files.filter(f -> f.toString().endsWith(".yaml")).toList();

            assertThat(pipelines).hasSizeGreaterThanOrEqualTo(4);
            pipelines.forEach(f -> assertThat(PipelineLoader.load(f, Fixtures.HOME).source()).isEqualTo(f));
        }
    }

    @Test
    void modelListsAreImmutableCopies() {
        List<Integer> vms = new ArrayList<>(List.of(101, 102));
        VmSpec spec = new VmSpec("small", 4, 1, vms);

        vms.set(0, 999);

        ListedVms listed = (ListedVms) spec.source();
        assertThat(listed.vmids()).containsExactly(101, 102);
        assertThat(listed.server()).isEqualTo(101);
        assertThat(listed.client()).isEqualTo(102);
    }

    @Test
    void aRunsCopyOfAPipelineFindsItsClusterFileWhereTheOriginalDid(@org.junit.jupiter.api.io.TempDir Path run)
            throws IOException {
        Path original = Fixtures.valid("full.yaml");
        Path copy = Files.copy(original, run.resolve("pipeline.yaml"));

        Pipeline judged = PipelineLoader.loadCopy(copy, original);

        assertThat(((InventoryCluster) judged.cluster()).definition().name()).isEqualTo("lab");
        assertThat(judged.source()).isEqualTo(copy);
        assertThat(Fixtures.pipelineProblems(copy)).anySatisfy(p -> assertThat(p)
                .contains("cluster file 'clusters/lab.yaml' not found"));
    }
}
