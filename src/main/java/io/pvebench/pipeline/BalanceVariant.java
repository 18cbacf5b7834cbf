package io.pvebench.pipeline;

import io.pvebench.balance.Hold;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A variant's balancer settings: one point of a threshold sweep. Each value left empty keeps
 * the pipeline's {@code balance:} setting. For the native CRS the hold is a number of CRM
 * rounds; for pvebench's threshold policy a duration.
 *
 * @param threshold the threshold, percent
 * @param hold      the hold
 * @param margin    the margin, percent
 */
public record BalanceVariant(OptionalDouble threshold, Optional<Hold> hold, OptionalDouble margin) {

    /** {@code threshold 20 %, hold 3 rounds}. */
    public String describe() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        threshold.ifPresent(t -> parts.add("threshold " + Numbers.plain(t) + " %"));
        hold.ifPresent(h -> parts.add("hold " + h.describe()));
        margin.ifPresent(m -> parts.add("margin " + Numbers.plain(m) + " %"));
        return String.join(", ", parts);
    }

    /** Numbers as people write them: 30, not 30.0. */
    static final class Numbers {
        private Numbers() {
        }

        static String plain(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }
    }
}
