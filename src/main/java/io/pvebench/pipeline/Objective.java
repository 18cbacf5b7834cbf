package io.pvebench.pipeline;

import io.pvebench.measure.Metric;
import java.util.Objects;

/**
 * A service-level objective: bounds one metric must stay within. Bounds are in the
 * metric's base unit ({@link Metric#unit()}: {@code 9 Gbit/s} is {@code 9e9}); at least
 * one is set, and {@code min <= max} when both are.
 *
 * @param min      lower bound, or {@code null}
 * @param max      upper bound, or {@code null}
 * @param written  the bounds as the file wrote them, for reports ({@code "min: 9 Gbit/s"})
 * @param position where the objective's metric key is in the pipeline file
 */
public record Objective(Metric metric, Double min, Double max, String written, SourcePosition position) {

    public Objective {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(written, "written");
        Objects.requireNonNull(position, "position");
        if (min == null && max == null) {
            throw new IllegalArgumentException("an objective has a min, a max or both");
        }
    }
}
