package io.pvebench.assess;

import io.pvebench.measure.Quantities;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks objectives against a case's samples.
 *
 * <p>Every sample of the objective's metric must lie within the bounds, so the value that
 * decides is the worst one: the smallest against a minimum, the largest against a maximum.
 * No sample of the metric gives {@link Verdict#UNKNOWN}: an objective nobody measured has
 * not passed. Stateless and thread-safe.
 */
public final class ObjectiveCheck {

    private ObjectiveCheck() {
    }

    public static ObjectiveResult check(Objective objective, List<Sample> samples) {
        String metric = objective.metric().id();
        String unit = objective.metric().unit();
        List<Double> values = samples.stream()
                .filter(s -> s.metric().equals(metric))
                .map(Sample::value)
                .collect(Collectors.toList());
        if (values.isEmpty()) {
            return new ObjectiveResult(objective, Verdict.UNKNOWN, null,
                    "no sample of " + metric + " was measured");
        }
        double lowest = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double highest = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        if (objective.min() != null && lowest < objective.min()) {
            return new ObjectiveResult(objective, Verdict.FAIL, lowest, metric + " "
                    + Quantities.format(lowest, unit) + " < min " + Quantities.format(objective.min(), unit));
        }
        if (objective.max() != null && highest > objective.max()) {
            return new ObjectiveResult(objective, Verdict.FAIL, highest, metric + " "
                    + Quantities.format(highest, unit) + " > max " + Quantities.format(objective.max(), unit));
        }
        List<String> held = new ArrayList<>();
        double decisive = objective.min() != null ? lowest : highest;
        if (objective.min() != null) {
            held.add(">= " + Quantities.format(objective.min(), unit));
        }
        if (objective.max() != null) {
            held.add("<= " + Quantities.format(objective.max(), unit));
        }
        return new ObjectiveResult(objective, Verdict.PASS, decisive,
                metric + " " + Quantities.format(decisive, unit) + " " + String.join(" and ", held));
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
