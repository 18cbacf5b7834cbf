package io.pvebench.pipeline;

import io.pvebench.measure.Metric;
import io.pvebench.measure.Statistic;
import java.util.Objects;

/**
 * An objective on a statistic of a metric over the repetitions of each matrix cell
 * ({@code throughput.p05: {min: 9 Gbit/s}}), rather than on every sample as {@link Objective}
 * is. Bounds are in the metric's base unit ({@code 9e9} for 9 Gbit/s) and inclusive; at least
 * one is set, and {@code min <= max} when both are.
 *
 * @param min      lower bound the statistic must reach, or {@code null}
 * @param max      upper bound the statistic must not exceed, or {@code null}
 * @param written  the bounds as the file wrote them, for reports ({@code "min: 9 Gbit/s"})
 * @param position where the objective's key is in the pipeline file
 */
public record StatisticObjective(Metric metric, Statistic statistic, Double min, Double max, String written,
                                 SourcePosition position) {

    public StatisticObjective {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(written, "written");
        Objects.requireNonNull(position, "position");
        if (min == null && max == null) {
            throw new IllegalArgumentException("an objective has a min, a max or both");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("min " + min + " exceeds max " + max);
        }
    }

    /** The key as a pipeline file writes it: the metric's key, a dot, the statistic ({@code throughput.p05}). */
    public String key() {
        return metric.key() + "." + statistic.id();
    }
}
