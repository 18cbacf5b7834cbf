package io.pvebench.assess;

import io.pvebench.measure.Quantities;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds what was observed to an objective's inclusive bounds and says so in a sentence: the
 * one rule behind both {@link ObjectiveCheck} (every sample) and {@link StatisticCheck} (one
 * statistic per matrix cell), so both kinds of objective judge and word alike. Stateless.
 */
final class BoundsCheck {

    /**
     * @param decisive the observed value that decided: the one that broke a bound, or on a
     *                 pass the one held to the minimum when there is one, else to the maximum
     * @param message  {@code throughput 8.7 Gbit/s < min 9 Gbit/s}, {@code rtt_avg 0.3 ms <= 1 ms}
     */
    record Outcome(Verdict verdict, double decisive, String message) {
    }

    private BoundsCheck() {
    }

    /**
     * Holds {@code lowest} to {@code min} and {@code highest} to {@code max}; a single value
     * is both. A broken minimum is reported before a broken maximum.
     *
     * @param name what was observed, as the sentence starts ({@code throughput}, {@code throughput p05})
     * @param unit the base unit of values and bounds
     * @param min  lower bound or {@code null}
     * @param max  upper bound or {@code null}
     */
    static Outcome check(String name, String unit, Double min, Double max, double lowest, double highest) {
        if (min != null && lowest < min) {
            return new Outcome(Verdict.FAIL, lowest, name + " " + Quantities.format(lowest, unit)
                    + " < min " + Quantities.format(min, unit));
        }
        if (max != null && highest > max) {
            return new Outcome(Verdict.FAIL, highest, name + " " + Quantities.format(highest, unit)
                    + " > max " + Quantities.format(max, unit));
        }
        List<String> held = new ArrayList<>();
        if (min != null) {
            held.add(">= " + Quantities.format(min, unit));
        }
        if (max != null) {
            held.add("<= " + Quantities.format(max, unit));
        }
        double decisive = min != null ? lowest : highest;
        return new Outcome(Verdict.PASS, decisive,
                name + " " + Quantities.format(decisive, unit) + " " + String.join(" and ", held));
    }
}
