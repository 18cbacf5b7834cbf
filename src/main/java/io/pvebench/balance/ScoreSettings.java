package io.pvebench.balance;

import java.time.Duration;
import java.util.Objects;

/**
 * What counts as balanced and as thrash when a timeline is scored.
 *
 * @param targetImbalancePercent the cluster is balanced while the CRS imbalance is at or under this, percent 0–100
 * @param window                 ... and must stay so for this long to count as balanced
 * @param thrashWindow           a guest moved back to the node it left within this time of arriving is thrash
 */
public record ScoreSettings(double targetImbalancePercent, Duration window, Duration thrashWindow) {

    public ScoreSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(thrashWindow, "thrashWindow");
        if (!(targetImbalancePercent >= 0 && targetImbalancePercent <= 100) || window.isNegative()
                || thrashWindow.isNegative()) {
            throw new IllegalArgumentException("target is percent 0..100, windows at least 0: " + targetImbalancePercent
                    + ", " + window + ", " + thrashWindow);
        }
    }
}
