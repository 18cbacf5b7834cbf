package io.pvebench.ha;

import java.util.Locale;

/** How this package writes memory sizes into reasons: binary units, at most one decimal. */
final class Gib {

    private Gib() {
    }

    /** 17179869184 → {@code 16 GiB}, 1610612736 → {@code 1.5 GiB}, 536870912 → {@code 512 MiB}. */
    static String of(long bytes) {
        double gib = bytes / (1024.0 * 1024 * 1024);
        if (gib >= 1) {
            return trim(gib) + " GiB";
        }
        return trim(bytes / (1024.0 * 1024)) + " MiB";
    }

    private static String trim(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? String.valueOf((long) rounded)
                : String.format(Locale.ROOT, "%.1f", rounded);
    }
}
