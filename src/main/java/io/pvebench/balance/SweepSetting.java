package io.pvebench.balance;

import java.util.Objects;

/**
 * One setting of a threshold sweep.
 *
 * @param kind             the balancer
 * @param thresholdPercent its threshold, percent 0–100 (CRS: imbalance; threshold policy: node metric)
 * @param hold             how long the threshold must be exceeded
 * @param marginPercent    its margin, percent 0–100 (CRS: relative improvement; threshold policy: hysteresis points)
 */
public record SweepSetting(BalancerKind kind, double thresholdPercent, Hold hold, double marginPercent) {

    public SweepSetting {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hold, "hold");
        if (!(thresholdPercent >= 0 && thresholdPercent <= 100) || !(marginPercent >= 0 && marginPercent <= 100)) {
            throw new IllegalArgumentException("threshold and margin are percent 0..100: " + thresholdPercent + ", "
                    + marginPercent);
        }
    }

    /** {@code threshold 30 % with hold 3 rounds, margin 10 % (native CRS)}. */
    public String describe() {
        return "threshold " + Wording.percent(thresholdPercent) + " with hold " + hold.describe() + ", margin "
                + Wording.percent(marginPercent) + " (" + kind.label() + ")";
    }
}
