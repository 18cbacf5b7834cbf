package io.pvebench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvebench.balance.BalanceScore;
import io.pvebench.balance.BalancerKind;
import io.pvebench.balance.Hold;
import io.pvebench.balance.SweepResult;
import io.pvebench.balance.SweepSetting;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.CasePlan;
import io.pvebench.pipeline.VmSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder read back: each case as it happened, with its own samples, as the run wrote it. */
class RecordedRunTest {

    private static final Instant T = Instant.parse("2026-11-25T02:00:00Z");
    private static final CasePlan R1 = new CasePlan("small-idle-r1",
            new VmSpec("small", 4, 4L << 30, List.of(101, 102)), "idle", 1);
    private static final CasePlan R2 = new CasePlan("small-idle-r2", R1.vmSpec(), "idle", 2);

    @TempDir
    Path parent;

    @Test
    void aCaseReadBackIsTheCaseThatWasWrittenWithItsOwnSamplesStepsAttachmentsAndPhases() {
        RunFolder folder = RunFolder.create(parent, "nightly-1");
        CaseRecord first = record(R1, null, 9.4e9);
        CaseRecord second = record(R2, "measure: lost the SSH session to pve2", 9.3e9);
        finish(folder, first);
        finish(folder, second);
        writeSummary(folder);

        RecordedRun run = RecordedRun.read(folder.root());

        assertThat(run.caseIds()).containsExactly("small-idle-r1", "small-idle-r2");
        assertThat(run.cases(id -> Optional.of(id.endsWith("r1") ? R1 : R2))).containsExactly(first, second);
        assertThat(run.pipeline()).isEqualTo("nightly");
        assertThat(run.seed()).isEqualTo(7);
        assertThat(run.start()).isEqualTo(T);
        assertThat(run.environment()).containsEntry("pve.version", "9.2.0");
    }

    @Test
    void howEachCasesBalancerDidReadsBackAsWrittenAbsentPartsIncluded() {
        RunFolder folder = RunFolder.create(parent, "sweep-1");
        SweepResult balanced = new SweepResult(new SweepSetting(BalancerKind.THRESHOLD_POLICY, 30, Hold.rounds(3), 10),
                "heavy", new BalanceScore(T, T.plusSeconds(120), 0.4, 0.1, 0.6, 0.2,
                        Optional.of(Duration.ofSeconds(45)), 2, 0, 1, List.of(101), Map.of("migration_downtime", 42.0),
                        OptionalDouble.of(0.5)));
        SweepResult never = new SweepResult(new SweepSetting(BalancerKind.NATIVE_CRS, 20,
                Hold.lasting(Duration.ofSeconds(30)), 5), "light", new BalanceScore(T, T.plusSeconds(60), 0.3, 0.3,
                0.5, 0.5, Optional.empty(), 0, 0, 0, List.of(), Map.of(), OptionalDouble.empty()));
        folder.appendSweep(balanced);
        folder.appendSweep(never);
        finish(folder, record(R1, null, 9.4e9));
        writeSummary(folder);

        assertThat(RecordedRun.read(folder.root()).sweep()).containsExactly(balanced, never);
    }

    @Test
    void aCaseWhoseSamplesAreNotAllThereIsUnreadableNamingTheLine() throws Exception {
        RunFolder folder = RunFolder.create(parent, "nightly-2");
        finish(folder, record(R1, null, 9.4e9));
        writeSummary(folder);
        Path samples = folder.root().resolve(RunFolder.SAMPLES);
        Files.writeString(samples, Files.readAllLines(samples).get(0) + "\n");

        RecordedRun run = RecordedRun.read(folder.root());

        assertThatThrownBy(() -> run.cases(id -> Optional.of(R1))).isInstanceOf(UnreadableRunException.class)
                .hasMessageContaining(RunFolder.CASES + ":1: case 'small-idle-r1' finished with 2 samples but "
                        + RunFolder.SAMPLES + " holds 1");
    }

    @Test
    void aCaseThePipelineDoesNotPlanIsUnreadable() {
        RunFolder folder = RunFolder.create(parent, "nightly-3");
        finish(folder, record(R1, null, 9.4e9));
        writeSummary(folder);

        assertThatThrownBy(() -> RecordedRun.read(folder.root()).cases(id -> Optional.empty()))
                .isInstanceOf(UnreadableRunException.class)
                .hasMessageContaining("case 'small-idle-r1' is not in the pipeline's matrix");
    }

    @Test
    void aRunWithoutCaseRecordsCannotBeJudgedAgainAndSaysWhy() {
        RunFolder folder = RunFolder.create(parent, "nightly-4");
        writeSummary(folder);
        folder.appendSamples(List.of());

        assertThatThrownBy(() -> RecordedRun.read(folder.root())).isInstanceOf(UnreadableRunException.class)
                .hasMessageContaining("has no cases.jsonl");
    }

    private static void finish(RunFolder folder, CaseRecord record) {
        folder.appendSamples(record.samples());
        folder.appendCase(record);
    }

    private static CaseRecord record(CasePlan plan, String brokenReason, double throughput) {
        Map<String, String> labels = Map.of("case", plan.id(), "repetition", String.valueOf(plan.repetition()));
        List<Sample> samples = List.of(new Sample("throughput", throughput, "bit/s", labels, T.plusSeconds(3)),
                new Sample("rtt_avg", 0.25, "ms", labels, T.plusSeconds(5)));
        StepRecord measure = new StepRecord("measure", brokenReason == null ? StepStatus.PASSED : StepStatus.BROKEN,
                brokenReason, T.plusSeconds(1), T.plusSeconds(6),
                List.of(new Attachment("iperf3 client (pve2)", Path.of("raw", plan.id(), "004-measure-iperf3.json"),
                        "application/json")));
        StepRecord teardown = new StepRecord("teardown", StepStatus.PASSED, "", T.plusSeconds(6), T.plusSeconds(7),
                List.of());
        return new CaseRecord(plan, List.of(measure, teardown), samples,
                List.of(new Phase("iperf3 forward", T.plusSeconds(2), T.plusSeconds(4))), T, T.plusSeconds(7),
                brokenReason, null);
    }

    private static void writeSummary(RunFolder folder) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("pipeline", "nightly");
        summary.put("runId", folder.runId());
        summary.put("source", "pipelines/nightly.yaml");
        summary.put("cluster", "twin");
        summary.put("seed", 7);
        summary.put("start", T);
        summary.put("end", T.plusSeconds(20));
        summary.put("verdict", "pass");
        summary.put("environment", Map.of("pve.version", "9.2.0"));
        folder.writeJson("summary.json", summary);
    }
}
