package io.pvebench.assess;

import java.util.Arrays;
import java.util.Random;

/**
 * Computes a {@link Summary} of a metric's values. Stateless and thread-safe.
 *
 * <p>Definitions: percentiles (median, p05, p95, bootstrap bounds) interpolate linearly
 * between order statistics, R's {@code quantile(type = 7)}: for sorted {@code x[0..n-1]} and
 * {@code h = (n - 1) p}, {@code x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])}. The t interval is
 * {@code mean ± t(0.975, n−1) · s / √n} with the quantile computed, not tabled. The bootstrap
 * interval is the 2.5th and 97.5th percentiles (type 7) of the means of
 * {@value #BOOTSTRAP_RESAMPLES} resamples with replacement drawn by {@code new Random(seed)};
 * {@link Random}'s algorithm is fixed by its specification, so a seed gives the same interval
 * on every JVM. Both intervals are NaN for a single value, whose spread is unknown.
 */
public final class Summaries {

    /** Resamples the bootstrap draws. */
    public static final int BOOTSTRAP_RESAMPLES = 10_000;

    private Summaries() {
    }

    /**
     * Summarises {@code values} (at least one, none NaN); {@code seed} drives the bootstrap.
     *
     * @throws IllegalArgumentException when {@code values} is empty or holds NaN
     */
    public static Summary of(double[] values, long seed) {
        return of(values, seed, BOOTSTRAP_RESAMPLES);
    }

    /** As {@link #of(double[], long)}, with {@code resamples} bootstrap resamples. */
    public static Summary of(double[] values, long seed, int resamples) {
        double[] x = sorted(values);
        int n = x.length;
        double mean = mean(x);
        double stdev = Double.NaN;
        double ciLow = Double.NaN;
        double ciHigh = Double.NaN;
        double bootLow = Double.NaN;
        double bootHigh = Double.NaN;
        if (n >= 2) {
            double squares = 0;
            for (double v : x) {
                squares += (v - mean) * (v - mean);
            }
            stdev = Math.sqrt(squares / (n - 1));
            double half = StudentT.quantile(0.975, n - 1) * stdev / Math.sqrt(n);
            ciLow = mean - half;
            ciHigh = mean + half;
            double[] means = bootstrapMeans(x, seed, resamples);
            bootLow = percentileOfSorted(means, 0.025);
            bootHigh = percentileOfSorted(means, 0.975);
        }
        return new Summary(n, mean, percentileOfSorted(x, 0.5), x[0], x[n - 1], stdev,
                percentileOfSorted(x, 0.05), percentileOfSorted(x, 0.95), ciLow, ciHigh, bootLow, bootHigh);
    }

    /**
     * The {@code p}-quantile ({@code 0 <= p <= 1}) of {@code values} by linear interpolation
     * between order statistics (R type 7, also NumPy's default and Excel's {@code PERCENTILE.INC}).
     */
    public static double percentile(double[] values, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a percentile lies in [0, 1]: " + p);
        }
        return percentileOfSorted(sorted(values), p);
    }

    private static double percentileOfSorted(double[] x, double p) {
        double h = (x.length - 1) * p;
        int below = (int) Math.floor(h);
        if (below >= x.length - 1) {
            return x[x.length - 1];
        }
        return x[below] + (h - below) * (x[below + 1] - x[below]);
    }

    private static double[] bootstrapMeans(double[] x, long seed, int resamples) {
        if (resamples < 1) {
            throw new IllegalArgumentException("the bootstrap needs at least one resample: " + resamples);
        }
        Random random = new Random(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += x[random.nextInt(x.length)];
            }
            means[b] = sum / x.length;
        }
        Arrays.sort(means);
        return means;
    }

    private static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    private static double[] sorted(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double[] x = values.clone();
        for (double v : x) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("NaN among the values to summarise");
            }
        }
        Arrays.sort(x);
        return x;
    }
}
