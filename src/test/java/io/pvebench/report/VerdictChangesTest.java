package io.pvebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.measure.Metric;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.CasePlan;
import io.pvebench.pipeline.Objective;
import io.pvebench.pipeline.SourcePosition;
import io.pvebench.pipeline.VmSpec;
import io.pvebench.run.CaseRecord;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunInfo;
import io.pvebench.run.RunResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What judging a run again changed, read against the summary.json the run wrote before. */
class VerdictChangesTest {

    private static final Instant T = Instant.parse("2026-11-25T02:00:00Z");
    private static final VmSpec SMALL = new VmSpec("small", 4, 4L << 30, List.of(101, 102));
    private static final SourcePosition WHERE = new SourcePosition(Path.of("nightly.yaml"), 20, 3);
    private static final Objective THROUGHPUT_9 = new Objective(Metric.THROUGHPUT, 9e9, null, "min: 9 Gbit/s", WHERE);
    private static final Objective NO_LOSS = new Objective(Metric.PACKET_LOSS, null, 0.0, "max: 0 %", WHERE);

    @TempDir
    Path parent;

    @Test
    void aTightenedBoundIsTheSameObjectiveWithANewResultAndOnlyTheCaseItFailsIsListed() throws Exception {
        JsonNode before = summaryJudgedBy(List.of(THROUGHPUT_9, NO_LOSS));
        Objective throughput95 = new Objective(Metric.THROUGHPUT, 9.5e9, null, "min: 9.5 Gbit/s", WHERE);

        VerdictChanges changes = VerdictChanges.between(before, judgedBy(List.of(throughput95, NO_LOSS)));

        assertThat(changes.any()).isTrue();
        assertThat(changes.lines()).containsExactly(
                "case small-idle-r1: PASS -> FAIL",
                "    throughput: pass (min: 9 Gbit/s) -> min: 9.5 Gbit/s fail (throughput 9.4 Gbit/s < min 9.5 Gbit/s)",
                "1 case(s) unchanged",
                "verdict PASS -> FAIL");
    }

    @Test
    void anObjectiveAddedOrDroppedIsSaidSo() throws Exception {
        JsonNode before = summaryJudgedBy(List.of(THROUGHPUT_9, NO_LOSS));
        Objective rtt = new Objective(Metric.RTT_AVG, null, 1.0, "max: 1 ms", WHERE);

        VerdictChanges changes = VerdictChanges.between(before, judgedBy(List.of(THROUGHPUT_9, rtt)));

        assertThat(changes.cases()).hasSize(2).allSatisfy(c -> {
            assertThat(c.before()).isEqualTo("pass");
            assertThat(c.after()).isEqualTo("unknown");
            assertThat(c.objectives()).containsExactly(
                    "rtt_avg max: 1 ms: new, unknown (no sample of rtt_avg was measured)",
                    "packet_loss max: 0 %: pass -> no longer an objective");
        });
    }

    @Test
    void theSameObjectivesChangeNothing() throws Exception {
        JsonNode before = summaryJudgedBy(List.of(THROUGHPUT_9, NO_LOSS));

        VerdictChanges changes = VerdictChanges.between(before, judgedBy(List.of(THROUGHPUT_9, NO_LOSS)));

        assertThat(changes.any()).isFalse();
        assertThat(changes.lines()).containsExactly("2 case(s) unchanged", "verdict PASS -> PASS");
    }

    /** The summary.json a run judged by {@code objectives} writes. */
    private JsonNode summaryJudgedBy(List<Objective> objectives) throws Exception {
        RunFolder folder = RunFolder.create(parent, "nightly-1");
        RunResult run = judgedBy(objectives);
        SummaryJson summary = new SummaryJson(folder);
        summary.runStarted(run.info());
        summary.runFinished(run);
        return RunFolder.JSON.readTree(folder.root().resolve("summary.json").toFile());
    }

    private static RunResult judgedBy(List<Objective> objectives) {
        List<CaseRecord> records = List.of(record(1, 9.4e9), record(2, 9.6e9));
        RunInfo info = new RunInfo("nightly-1", "nightly", Path.of("nightly.yaml"), "twin", 7, Path.of("nightly-1"), T,
                records.stream().map(CaseRecord::plan).toList());
        return new RunResult(info, Map.of(), records.stream().map(r -> r.judge(objectives)).toList(),
                T.plusSeconds(60));
    }

    private static CaseRecord record(int repetition, double throughput) {
        CasePlan plan = new CasePlan("small-idle-r" + repetition, SMALL, "idle", repetition);
        Map<String, String> labels = Map.of("case", plan.id(), "repetition", String.valueOf(repetition));
        return new CaseRecord(plan, List.of(), List.of(Sample.of(Metric.THROUGHPUT, throughput, labels, T),
                Sample.of(Metric.PACKET_LOSS, 0, labels, T)), List.of(), T, T.plusSeconds(20), null, null);
    }
}
