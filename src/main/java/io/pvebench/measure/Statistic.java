package io.pvebench.measure;

import java.util.Arrays;
import java.util.Optional;

/**
 * A statistic of one metric over a matrix cell's repetitions, as a pipeline's objectives and
 * the reports name it ({@code throughput.p05}). Every statistic is in the metric's own unit.
 * {@link #CI95_LOW} and {@link #CI95_HIGH} are the bounds of the Student-t 95% confidence
 * interval of the mean (the assess package computes a bootstrap interval too, but no
 * objective refers to it). Lives beside {@link Metric} because both are vocabulary that
 * pipeline files use and that {@code pipeline} and {@code assess} share.
 */
public enum Statistic {
    MEAN("mean", 1),
    MEDIAN("median", 1),
    MIN("min", 1),
    MAX("max", 1),
    /** Sample standard deviation (divisor n − 1). */
    STDEV("stdev", 2),
    /** 5th percentile, linear interpolation between order statistics (R type 7). */
    P05("p05", 1),
    /** 95th percentile, linear interpolation between order statistics (R type 7). */
    P95("p95", 1),
    CI95_LOW("ci95Low", 2),
    CI95_HIGH("ci95High", 2);

    private final String id;
    private final int minimumCount;

    Statistic(String id, int minimumCount) {
        this.id = id;
        this.minimumCount = minimumCount;
    }

    /** The name as users write it ({@code p05}, {@code ci95Low}). */
    public String id() {
        return id;
    }

    /** Fewest values for which the statistic is defined ({@code stdev} needs two); with fewer it is undefined. */
    public int minimumCount() {
        return minimumCount;
    }

    /** The statistic a user wrote, matched exactly ({@code p95}); empty when there is none. */
    public static Optional<Statistic> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
