package io.pvebench.assess;

import io.pvebench.measure.Sample;
import io.pvebench.pipeline.StatisticObjective;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks {@link StatisticObjective}s against matrix cells' summaries. A statistic the cell has
 * too few values for ({@code stdev} of one repetition), or a metric nobody measured, gives
 * {@link Verdict#UNKNOWN}, never pass. Bounds are inclusive and judged as {@link ObjectiveCheck}
 * judges them. Stateless and thread-safe.
 */
public final class StatisticCheck {

    private StatisticCheck() {
    }

    /**
     * Every objective against every matrix cell of {@code samples} ({@link MetricSeries#cells}:
     * grouped by {@link MetricSeries#CELL}, one value per repetition, warm-up left out): the
     * results of the first objective in cell order, then those of the next.
     *
     * @param samples the samples to judge; leave out those of broken cases, whose numbers
     *                describe a fault rather than the cluster
     * @param seed    drives each cell's bootstrap (only the t interval is checked, so the
     *                verdicts do not depend on it)
     */
    public static List<StatisticResult> checkCells(List<StatisticObjective> objectives, Collection<Sample> samples,
                                                   long seed) {
        if (objectives.isEmpty()) {
            return List.of();
        }
        List<MetricSeries> cells = MetricSeries.cells(samples);
        return objectives.stream().flatMap(o -> check(o, cells, seed).stream()).toList();
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
                .map(s -> check(objective, s.group(), s.summary(seed), s.byRepetition()))
                .toList();
        return results.isEmpty() ? List.of(check(objective, Map.of(), null)) : results;
    }

    /**
     * The objective against one group's summary.
     *
     * @param group   the group's labels, copied into the result
     * @param summary the group's summary of the objective's metric, or {@code null} when the
     *                group has no value of it
     */
    public static StatisticResult check(StatisticObjective objective, Map<String, String> group, Summary summary) {
        return check(objective, group, summary, Map.of());
    }

    private static StatisticResult check(StatisticObjective objective, Map<String, String> group, Summary summary,
                                         Map<String, Double> repetitions) {
        String name = objective.metric().id() + " " + objective.statistic().id();
        if (summary == null) {
            return new StatisticResult(objective, group, Verdict.UNKNOWN, null,
                    "no sample of " + objective.metric().id() + " was measured", repetitions);
        }
        if (!summary.defines(objective.statistic())) {
            return new StatisticResult(objective, group, Verdict.UNKNOWN, null, name + " needs at least "
                    + objective.statistic().minimumCount() + " repetitions, got " + summary.n(), repetitions);
        }
        double value = summary.get(objective.statistic());
        BoundsCheck.Outcome outcome = BoundsCheck.check(name, objective.metric().unit(), objective.min(),
                objective.max(), value, value);
        return new StatisticResult(objective, group, outcome.verdict(), value, outcome.message(), repetitions);
    }
}
