package io.pvebench.assess;

import io.pvebench.measure.Sample;
import io.pvebench.pipeline.Objective;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks objectives against a case's samples.
 *
 * <p>Every sample of the objective's metric must lie within the bounds, so the value that
 * decides is the worst one: the smallest against a minimum, the largest against a maximum.
 * No sample of the metric gives {@link Verdict#UNKNOWN}: an objective nobody measured has
 * not passed. Warm-up samples never count ({@link JudgedSamples}). Stateless and thread-safe.
 */
public final class ObjectiveCheck {

    private ObjectiveCheck() {
    }

    /**
     * The objective against a case's samples; samples of the warm-up do not count
     * ({@link JudgedSamples}).
     */
    public static ObjectiveResult check(Objective objective, List<Sample> samples) {
        String metric = objective.metric().id();
        double[] values = JudgedSamples.of(samples).stream()
                .filter(s -> s.metric().equals(metric))
                .mapToDouble(Sample::value)
                .toArray();
        if (values.length == 0) {
            return new ObjectiveResult(objective, Verdict.UNKNOWN, null,
                    "no sample of " + metric + " was measured");
        }
        BoundsCheck.Outcome outcome = BoundsCheck.check(metric, objective.metric().unit(), objective.min(),
                objective.max(), Arrays.stream(values).min().orElseThrow(), Arrays.stream(values).max().orElseThrow());
        return new ObjectiveResult(objective, outcome.verdict(), outcome.decisive(), outcome.message());
    }

    /**
     * The case's verdict: broken when {@code brokenReason} is non-null, whatever the samples
     * say; otherwise the overall verdict of its objectives (a case with no objectives passes
     * when it finished, since there was nothing to hold it to).
     */
    public static Assessment assess(List<Objective> objectives, List<Sample> samples, String brokenReason) {
        List<ObjectiveResult> results = objectives.stream().map(o -> check(o, samples)).toList();
        if (brokenReason != null) {
            return new Assessment(Verdict.BROKEN, brokenReason, results);
        }
        Verdict verdict = results.isEmpty() ? Verdict.PASS
                : Verdict.overall(results.stream().map(ObjectiveResult::verdict).toList());
        String reason = results.stream()
                .filter(r -> r.verdict() != Verdict.PASS)
                .map(ObjectiveResult::message)
                .collect(Collectors.joining("; "));
        return new Assessment(verdict, reason, results);
    }
}
