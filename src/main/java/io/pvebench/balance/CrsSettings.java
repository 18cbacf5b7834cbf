package io.pvebench.balance;

import java.util.Objects;

/**
 * The {@code crs} options of {@code datacenter.cfg} that automatic rebalancing reads (PVE 9.2,
 * {@code shared/reference/PVE-CURRENT.md} 3.1), in the percent form pve-cluster 9.1.5 and later use.
 *
 * @param autoRebalance    {@code ha-auto-rebalance}
 * @param mode             {@code ha}: only {@code static} and {@code dynamic} honour auto-rebalance
 * @param thresholdPercent {@code ha-auto-rebalance-threshold}, percent 0–100: the imbalance that must be exceeded
 * @param holdRounds       {@code ha-auto-rebalance-hold-duration}: consecutive CRM rounds above the threshold, at least 0
 * @param marginPercent    {@code ha-auto-rebalance-margin}, percent 0–100: minimum relative improvement
 * @param method           {@code ha-auto-rebalance-method}
 */
public record CrsSettings(boolean autoRebalance, Mode mode, double thresholdPercent, int holdRounds,
                          double marginPercent, Method method) {

    /** {@code crs: ha=...}. */
    public enum Mode { BASIC, STATIC, DYNAMIC }

    /** {@code ha-auto-rebalance-method}. */
    public enum Method { BRUTEFORCE, TOPSIS }

    public CrsSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(method, "method");
        if (!(thresholdPercent >= 0 && thresholdPercent <= 100) || !(marginPercent >= 0 && marginPercent <= 100)
                || holdRounds < 0) {
            throw new IllegalArgumentException("threshold and margin are percent 0..100, hold at least 0: "
                    + thresholdPercent + ", " + marginPercent + ", " + holdRounds);
        }
    }

    /** Auto-rebalance on in {@code dynamic} mode with the documented defaults: 30 %, 3 rounds, 10 %, bruteforce. */
    public static CrsSettings dynamicDefaults() {
        return new CrsSettings(true, Mode.DYNAMIC, 30, 3, 10, Method.BRUTEFORCE);
    }
}
