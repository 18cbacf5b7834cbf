package io.pvebench.balance;

import java.time.Duration;
import java.util.Locale;

/** How this package writes numbers into reasons and recommendations. */
final class Wording {

    private Wording() {
    }

    /** A fraction as a percentage with at most one decimal: 0.7 → {@code 70 %}, 0.125 → {@code 12.5 %}. */
    static String fraction(double fraction) {
        return percent(fraction * 100);
    }

    /** A percentage with at most one decimal: 30 → {@code 30 %}. */
    static String percent(double percent) {
        double rounded = Math.round(percent * 10) / 10.0;
        return (rounded == Math.rint(rounded) ? String.valueOf((long) rounded)
                : String.format(Locale.ROOT, "%.1f", rounded)) + " %";
    }

    /** {@code 450 ms}, {@code 40 s}, {@code 5 min}, {@code 2 min 5 s}, {@code 1 h 10 min}. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = Math.round(ms / 1000.0);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        long min = s / 60;
        return min / 60 + " h" + (min % 60 == 0 ? "" : " " + min % 60 + " min");
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
