package io.pvebench.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.assess.ObjectiveResult;
import io.pvebench.assess.Verdict;
import io.pvebench.measure.Metric;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.CasePlan;
import io.pvebench.pipeline.Objective;
import io.pvebench.pipeline.SourcePosition;
import io.pvebench.pipeline.VmSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A case's verdict from its record: the objectives decide, unless a stage broke it or it never ran. */
class CaseRecordTest {

    private static final Instant T = Instant.parse("2026-11-25T02:00:00Z");
    private static final CasePlan PLAN = new CasePlan("small-idle-r1", new VmSpec("small", 4, 4L << 30,
            List.of(101, 102)), "idle", 1);
    private static final List<Objective> THROUGHPUT_9 = List.of(new Objective(Metric.THROUGHPUT, 9e9, null,
            "min: 9 Gbit/s", new SourcePosition(Path.of("p.yaml"), 20, 3)));
    private static final List<Sample> MEASURED = List.of(Sample.of(Metric.THROUGHPUT, 9.4e9,
            Map.of("case", PLAN.id()), T));

    @Test
    void aCaseThatRanIsJudgedByItsObjectives() {
        CaseResult result = new CaseRecord(PLAN, List.of(), MEASURED, List.of(), T, T, null, null).judge(THROUGHPUT_9);

        assertThat(result.assessment().verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.samples()).isEqualTo(MEASURED);
    }

    @Test
    void aCaseAStageBrokeStaysBrokenWithItsReasonThoughItsSamplesPassEveryObjective() {
        CaseResult result = new CaseRecord(PLAN, List.of(), MEASURED, List.of(), T, T,
                "measure: lost the SSH session to pve2", null).judge(THROUGHPUT_9);

        assertThat(result.assessment().verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(result.assessment().reason()).isEqualTo("measure: lost the SSH session to pve2");
        assertThat(result.assessment().objectives()).extracting(ObjectiveResult::verdict).containsExactly(Verdict.PASS);
    }

    @Test
    void aCaseThatNeverRanIsBrokenNotRunWithNoObjectiveChecked() {
        CaseResult result = new CaseRecord(PLAN, List.of(), List.of(), List.of(), T, T, null, "stopped (SIGTERM)")
                .judge(THROUGHPUT_9);

        assertThat(result.assessment().verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(result.assessment().reason()).isEqualTo("not run: stopped (SIGTERM)");
        assertThat(result.assessment().objectives()).isEmpty();
    }
}
