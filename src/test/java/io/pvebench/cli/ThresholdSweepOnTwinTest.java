package io.pvebench.cli;

import io.pvebench.assess.Verdict;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.CaseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.pvebench.cli.RunOutcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped threshold sweep on the twin: pvebench's threshold policy, with the VMs gathered
 * on one node, moves one of them when the load crosses its threshold and the other node can
 * take it, and leaves them when it cannot; the report ranks the settings per load and
 * recommends one.
 */
@Tag("sim")
class ThresholdSweepOnTwinTest {

    @TempDir
    static Path dir;

    private static PipelineRunner.Outcome outcome;
    private static final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeAll
    static void runTheSweep() {
        outcome = PipelineRunner.run(PipelineLoader.load(Path.of("pipelines/threshold-sweep.yaml")),
                PipelineRunner.Options.of(dir, 2026, Map.of(), new PrintStream(console, true, StandardCharsets.UTF_8),
                        List.of()));
    }

    private static CaseResult kase(String id) {
        return outcome.result().cases().stream().filter(c -> c.plan().id().equals(id)).findFirst().orElseThrow();
    }


    @Test
    void everyCaseOfTheSweepRuns() {
        assertThat(outcome.result().cases()).hasSize(2 * 3);
        for (CaseResult c : outcome.result().cases()) {
            assertThat(c.assessment().verdict()).as(c.plan().id() + ": " + c.steps()).isEqualTo(Verdict.PASS);
            assertThat(value(c, "balance_imbalance_before")).as(c.plan().id()).isGreaterThan(50);
        }
    }

    @Test
    void aThresholdTheLoadCrossesMovesOneVmAndBalancesTheNodes() {
        for (String id : List.of("large-normal-cpu30-r1", "large-normal-cpu50-r1", "large-heavy-cpu50-r1",
                "large-heavy-cpu70-r1")) {
            CaseResult c = kase(id);
            assertThat(value(c, "balance_migrations")).as(id).isEqualTo(1);
            assertThat(value(c, "balance_unbalanced")).as(id).isZero();
            assertThat(value(c, "balance_imbalance_after")).as(id).isLessThan(10);
            assertThat(value(c, "balance_thrash")).as(id).isZero();
            assertThat(value(c, "balance_downtime")).as(id).isGreaterThan(0);
            // the hold: nothing moves before the load has been above the threshold for 30 s
            assertThat(value(c, "balance_time_to_balance")).as(id).isGreaterThanOrEqualTo(30_000);
        }
    }

    @Test
    void aThresholdAboveTheLoadOrBelowWhatTheOtherNodeCouldTakeMovesNothing() {
        // normal load keeps the busy node under 70 %; under heavy load a move would put the other node over 30 %
        for (String id : List.of("large-normal-cpu70-r1", "large-heavy-cpu30-r1")) {
            CaseResult c = kase(id);
            assertThat(value(c, "balance_migrations")).as(id).isZero();
            assertThat(value(c, "balance_unbalanced")).as(id).isEqualTo(1);
        }
    }

    @Test
    void theReportRanksTheSettingsPerLoadAndRecommendsOne() throws IOException {
        Path folder = RunOutcomes.runFolder(dir);
        String summary = Files.readString(folder.resolve("summary.json"));
        assertThat(summary).contains("\"balanceSweep\"").contains("\"recommendation\"");
        String text = console.toString(StandardCharsets.UTF_8);
        String recommendation = text.lines().filter(l -> l.startsWith("recommendation: ")).findFirst().orElseThrow();
        assertThat(text).contains("balancer sweep (best first per load)");
        assertThat(recommendation)
                .containsPattern("threshold (50|70) % with hold 30 s, margin 5 % [^;]*: balanced in [^;]* under heavy load")
                .containsPattern("threshold (30|50) % with hold 30 s, margin 5 % [^;]*: balanced in [^;]* under normal"
                        + " load");
        assertThat(outcome.result().sweep()).hasSize(6);
    }

    @Test
    void theVmsAreGatheredBeforeAndPutBackAfterEachCase() throws IOException {
        Path folder = RunOutcomes.runFolder(dir);
        String commands = Files.readString(folder.resolve("raw/commands.jsonl"));
        // vm 122 starts on pve2: gathered on pve1 for every case, and back at each case's end
        assertThat(commands.split("qm migrate 122 pve1 --online", -1).length - 1).isGreaterThanOrEqualTo(6);
        assertThat(outcome.leftChanged()).isEmpty();
    }
}
