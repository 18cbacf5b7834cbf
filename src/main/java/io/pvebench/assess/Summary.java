package io.pvebench.assess;

import io.pvebench.measure.Statistic;

/**
 * Descriptive statistics of one metric over a group's values (one value per repetition), all
 * in the metric's unit. A statistic undefined for {@code n} values is {@link Double#NaN}:
 * {@code stdev} and both confidence intervals need {@code n >= 2} (see
 * {@link Statistic#minimumCount()}). Built by {@link Summaries#of(double[], long)}.
 *
 * @param n             number of values, at least 1
 * @param stdev         sample standard deviation, divisor {@code n - 1}
 * @param p05           5th percentile, R type 7 (see {@link Summaries#percentile(double[], double)})
 * @param p95           95th percentile, R type 7
 * @param ciLow         lower bound of the 95% confidence interval of the mean by Student's t
 * @param ciHigh        upper bound of that interval
 * @param bootstrapLow  lower bound of the 95% percentile-bootstrap interval of the mean
 * @param bootstrapHigh upper bound of that interval
 */
public record Summary(int n, double mean, double median, double min, double max, double stdev,
                      double p05, double p95, double ciLow, double ciHigh,
                      double bootstrapLow, double bootstrapHigh) {

    public Summary {
        if (n < 1) {
            throw new IllegalArgumentException("a summary needs at least one value: n=" + n);
        }
    }

    /** The value of {@code statistic}; NaN when {@link #defines(Statistic)} is false. */
    public double get(Statistic statistic) {
        return switch (statistic) {
            case MEAN -> mean;
            case MEDIAN -> median;
            case MIN -> min;
            case MAX -> max;
            case STDEV -> stdev;
            case P05 -> p05;
            case P95 -> p95;
            case CI95_LOW -> ciLow;
            case CI95_HIGH -> ciHigh;
        };
    }

    /** Whether there are enough values for {@code statistic}. */
    public boolean defines(Statistic statistic) {
        return n >= statistic.minimumCount();
    }
}
