package io.pvebench.assess;

import io.pvebench.measure.Metric;
import java.util.Objects;

/**
 * An objective on a statistic of a metric over repetitions ({@code throughput p05 >= 9 Gbit/s}),
 * rather than on every sample as {@link io.pvebench.pipeline.Objective} is. Bounds are in the
 * metric's base unit ({@code 9e9} for 9 Gbit/s); at least one is set, and {@code min <= max}
 * when both are.
 *
 * @param min lower bound the statistic must reach, or {@code null}
 * @param max upper bound the statistic must not exceed, or {@code null}
 */
public record StatisticObjective(Metric metric, Statistic statistic, Double min, Double max) {

    public StatisticObjective {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(statistic, "statistic");
        if (min == null && max == null) {
            throw new IllegalArgumentException("an objective has a min, a max or both");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("min " + min + " exceeds max " + max);
        }
    }
}
