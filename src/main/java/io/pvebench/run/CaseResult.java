package io.pvebench.run;

import io.pvebench.assess.Assessment;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.CasePlan;
import java.time.Instant;
import java.util.List;

/**
 * One finished case: what was planned, what each stage did, what was measured, the
 * phases of its timeline, and what the objectives say about it.
 */
public record CaseResult(CasePlan plan, Assessment assessment, List<StepRecord> steps, List<Sample> samples,
                         List<Phase> phases, Instant start, Instant end) {

    public CaseResult {
        steps = List.copyOf(steps);
        samples = List.copyOf(samples);
        phases = List.copyOf(phases);
    }

    /** A case without a marked timeline (no load phases). */
    public CaseResult(CasePlan plan, Assessment assessment, List<StepRecord> steps, List<Sample> samples,
                      Instant start, Instant end) {
        this(plan, assessment, steps, samples, List.of(), start, end);
    }
}
