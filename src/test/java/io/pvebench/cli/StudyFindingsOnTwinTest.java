package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pvebench.assess.Verdict;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.CaseResult;
import io.pvebench.run.RunFolder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped study pipeline on the twin: the study's qualitative findings reappear in
 * numbers parsed from the tools' own outputs — throughput stays put from light to heavy
 * load for every VM size and both directions, no packet is lost — and the loads did what
 * they aim at.
 */
@Tag("sim")
class StudyFindingsOnTwinTest {

    @TempDir
    static Path dir;

    private static Pipeline pipeline;
    private static PipelineRunner.Outcome outcome;

    @BeforeAll
    static void runTheStudy() {
        pipeline = PipelineLoader.load(Path.of("pipelines/study-2node.yaml"));
        outcome = PipelineRunner.run(pipeline, PipelineRunner.Options.of(dir, 2026, Map.of(),
                new PrintStream(new ByteArrayOutputStream()), List.of()));
    }

    private static List<Sample> samples(String metric) {
        return outcome.result().cases().stream().flatMap(c -> c.samples().stream())
                .filter(s -> s.metric().equals(metric)).toList();
    }

    @Test
    void theWholeMatrixRunsAndPasses() {
        assertThat(outcome.result().cases()).hasSize(3 * 4 * 2);
        assertThat(outcome.result().cases()).extracting(c -> c.assessment().verdict()).containsOnly(Verdict.PASS);
        assertThat(outcome.exitCode()).isZero();
    }

    @Test
    void throughputStaysStableFromLightToHeavyForEverySizeAndDirection() {
        Map<String, DoubleSummaryStatistics> byCell = samples("throughput").stream().collect(Collectors.groupingBy(
                s -> s.labels().get("vmSpec") + "/" + s.labels().get("direction"),
                Collectors.summarizingDouble(Sample::value)));
        assertThat(byCell).hasSize(3 * 2);
        byCell.forEach((cell, stats) -> {
            // across all four loads and both repetitions, within 2 % of each other
            assertThat(stats.getMin() / stats.getMax()).as(cell).isGreaterThan(0.98);
            assertThat(stats.getMin()).as(cell).isGreaterThan(9e9);
        });
        Map<String, Double> byScenario = samples("throughput").stream().collect(Collectors.groupingBy(
                s -> s.labels().get("scenario"), Collectors.averagingDouble(Sample::value)));
        assertThat(byScenario.get("heavy") / byScenario.get("light")).isCloseTo(1.0, within(0.01));
    }

    @Test
    void noPacketIsLostUnderAnyLoad() {
        assertThat(samples("packet_loss")).hasSize(24).extracting(Sample::value).containsOnly(0.0);
    }

    @Test
    void latencyRisesUnderHeavyLoadWhileThroughputDoesNot() {
        Map<String, Double> rtt = samples("rtt_avg").stream().collect(Collectors.groupingBy(
                s -> s.labels().get("scenario"), Collectors.averagingDouble(Sample::value)));
        assertThat(rtt.get("heavy")).isGreaterThan(rtt.get("light") * 1.3);
    }

    @Test
    void everyLoadReachedItsAimInEveryVm() {
        List<Sample> errors = samples("load_cpu_error");
        // two VMs per case
        assertThat(errors).hasSize(48);
        assertThat(errors).allSatisfy(s -> assertThat(Math.abs(s.value()))
                .isLessThanOrEqualTo(pipeline.measure().loadTolerance()));
    }

    @Test
    void theNumbersComeFromTheToolsOutputsKeptInTheRunFolder() throws Exception {
        CaseResult any = outcome.result().cases().get(0);
        Path raw = outcome.result().info().folder().resolve("raw").resolve(any.plan().id());
        Sample forward = any.samples().stream().filter(s -> s.metric().equals("throughput")
                && "forward".equals(s.labels().get("direction"))).findFirst().orElseThrow();
        try (var files = Files.list(raw)) {
            Path iperf = files.filter(p -> p.getFileName().toString().contains("iperf3-client-forward")
                    && p.toString().endsWith(".json")).findFirst().orElseThrow();
            assertThat(RunFolder.JSON.readTree(iperf.toFile()).at("/end/sum_received/bits_per_second").asDouble())
                    .isEqualTo(forward.value());
        }
    }
}
