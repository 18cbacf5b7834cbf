package io.pvebench.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Order statistics of measured durations: count, min, median, p90, p99, max, and the
 * spread as the interquartile range. Percentiles are nearest-rank (the smallest sample
 * with at least that share of samples at or below it), so every figure is one measured
 * sample. Immutable; all durations in nanoseconds.
 */
public record LatencySummary(int count, long minNanos, long p50Nanos, long p90Nanos, long p99Nanos,
                             long maxNanos, long iqrNanos) {

    /** Summarises {@code nanos} (at least one sample); the array is not changed. */
    public static LatencySummary of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length, sorted[0], rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                sorted[sorted.length - 1], rank(sorted, 75) - rank(sorted, 25));
    }

    static long rank(long[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    public Duration p50() {
        return Duration.ofNanos(p50Nanos);
    }

    /** Milliseconds with two decimals, e.g. {@code 12.34}. */
    public static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    /** {@code a / b} with two decimals, e.g. {@code 1.37x}; {@code -} when {@code b} is zero. */
    public static String ratio(long a, long b) {
        return b == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", (double) a / b);
    }
}
