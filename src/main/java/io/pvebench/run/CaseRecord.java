package io.pvebench.run;

import io.pvebench.assess.Assessment;
import io.pvebench.assess.ObjectiveCheck;
import io.pvebench.assess.Verdict;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.CasePlan;
import io.pvebench.pipeline.Objective;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One finished case as it happened, before anything judged it: what a run keeps of a case
 * ({@code cases.jsonl} beside {@code samples.jsonl}) so that it can be judged again later,
 * with other objectives, without the cluster.
 *
 * @param brokenReason why a stage broke the case (an SSH drop, a timeout, a node down); null
 *                     when every stage did its work
 * @param notRunReason why the case never started (the run broke or was stopped first); null
 *                     when it ran
 */
public record CaseRecord(CasePlan plan, List<StepRecord> steps, List<Sample> samples, List<Phase> phases,
                         Instant start, Instant end, String brokenReason, String notRunReason) {

    public CaseRecord {
        Objects.requireNonNull(plan, "plan");
        steps = List.copyOf(steps);
        samples = List.copyOf(samples);
        phases = List.copyOf(phases);
    }

    /**
     * The case judged against {@code objectives}: the one place a case gets its verdict, when
     * it finishes and whenever its run is re-assessed. A case that never started is broken,
     * "not run", with no objective checked, since nothing about the cluster was learned from
     * it; a case a stage broke stays broken with that stage's reason whatever its samples say.
     */
    public CaseResult judge(List<Objective> objectives) {
        Assessment assessment = notRunReason != null
                ? new Assessment(Verdict.BROKEN, "not run: " + notRunReason, List.of())
                : ObjectiveCheck.assess(objectives, samples, brokenReason);
        return new CaseResult(plan, assessment, steps, samples, phases, start, end);
    }
}
