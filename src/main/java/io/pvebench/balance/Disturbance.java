package io.pvebench.balance;

import java.util.Objects;

/**
 * How much one migration disturbed the guests, as measured: e.g. {@code (120, "ms")} of
 * downtime, or {@code (1.2e9, "bit/s")} of throughput dip. Only figures of the same unit are summed.
 */
public record Disturbance(double value, String unit) {

    public Disturbance {
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("a disturbance is a finite value >= 0: " + value + " " + unit);
        }
    }
}
