package io.pvebench.assess;

import io.pvebench.measure.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks {@link StatisticObjective}s against groups' summaries. A statistic the group has too
 * few values for ({@code stdev} of one repetition), or a metric nobody measured, gives
 * {@link Verdict#UNKNOWN}, never pass. Bounds are inclusive. Stateless and thread-safe.
 */
public final class StatisticCheck {

    private StatisticCheck() {
    }

    /**
     * The objective against one group's summary.
     *
     * @param group   the group's labels, copied into the result
     * @param summary the group's summary of the objective's metric, or {@code null} when the
     *                group has no value of it
     */
    public static StatisticResult check(StatisticObjective objective, Map<String, String> group, Summary summary) {
        String name = objective.metric().id() + " " + objective.statistic().id();
        String unit = objective.metric().unit();
        if (summary == null) {
            return new StatisticResult(objective, group, Verdict.UNKNOWN, null,
                    "no sample of " + objective.metric().id() + " was measured");
        }
        if (!summary.defines(objective.statistic())) {
            return new StatisticResult(objective, group, Verdict.UNKNOWN, null, name + " needs at least "
                    + objective.statistic().minimumCount() + " repetitions, got " + summary.n());
        }
        double value = summary.get(objective.statistic());
        String observed = name + " " + Quantities.format(value, unit);
        if (objective.min() != null && value < objective.min()) {
            return new StatisticResult(objective, group, Verdict.FAIL, value,
                    observed + " < min " + Quantities.format(objective.min(), unit));
        }
        if (objective.max() != null && value > objective.max()) {
            return new StatisticResult(objective, group, Verdict.FAIL, value,
                    observed + " > max " + Quantities.format(objective.max(), unit));
        }
        List<String> held = new ArrayList<>();
        if (objective.min() != null) {
            held.add(">= " + Quantities.format(objective.min(), unit));
        }
        if (objective.max() != null) {
            held.add("<= " + Quantities.format(objective.max(), unit));
        }
        return new StatisticResult(objective, group, Verdict.PASS, value, observed + " " + String.join(" and ", held));
    }

    /**
     * The objective against every group of its metric in {@code series}, in their order; one
     * unknown result with an empty group when no group measured the metric.
     *
     * @param seed drives each group's bootstrap (only the t interval is checked, so the
     *             verdicts do not depend on it)
     */
    public static List<StatisticResult> check(StatisticObjective objective, List<MetricSeries> series, long seed) {
        List<StatisticResult> results = series.stream()
                .filter(s -> s.metric().equals(objective.metric().id()))
                .map(s -> check(objective, s.group(), s.summary(seed)))
                .toList();
        return results.isEmpty() ? List.of(check(objective, Map.of(), null)) : results;
    }
}
