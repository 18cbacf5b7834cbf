package io.pvebench.balance;

import java.util.Arrays;

/**
 * The formulas of Proxmox VE 9.2's cluster resource scheduler (CRS) for automatic
 * rebalancing, as {@code shared/reference/PVE-CURRENT.md} section 3.3 states them from
 * pve-ha-manager 5.2.0 and proxmox-resource-scheduling 2.1.0; plus the simpler max−min spread.
 * Loads and imbalances are fractions (0.4, not 40 %). Stateless.
 */
public final class Crs {

    private Crs() {
    }

    /** Node load = (CPU used ÷ CPU count + memory used ÷ memory total) ÷ 2 (3.3 item 2). */
    public static double nodeLoad(NodeLoad node) {
        return (node.cpuFraction() + node.memoryFraction()) / 2;
    }

    /**
     * Imbalance as proxmox-resource-scheduling 2.1.0 and later compute it: the coefficient of
     * variation (population standard deviation ÷ mean) divided by √(n−1), clamped to [0, 1]
     * (3.3 item 3). Fewer than two nodes, or a mean of 0, is 0: nothing to balance.
     */
    public static double imbalance(double... loads) {
        if (loads.length < 2) {
            return 0;
        }
        double normalised = coefficientOfVariation(loads) / Math.sqrt(loads.length - 1);
        return Math.min(1, Math.max(0, normalised));
    }

    /**
     * Imbalance as builds before proxmox-resource-scheduling 2.1.0 print it: the raw
     * coefficient of variation, up to √(n−1) (1.41 for three nodes with all load on one).
     */
    public static double rawImbalance(double... loads) {
        return loads.length < 2 ? 0 : coefficientOfVariation(loads);
    }

    /**
     * The two-node form of {@link #imbalance}: |a−b| ÷ (a+b); 0 when both are 0. Kept to
     * check the general formula against the reference's worked numbers.
     */
    public static double twoNodeImbalance(double a, double b) {
        double sum = a + b;
        return sum == 0 ? 0 : Math.abs(a - b) / sum;
    }

    /** Max − min of the values; 0 for none. The simpler spread the study reported for CPU. */
    public static double spread(double... values) {
        if (values.length == 0) {
            return 0;
        }
        return Arrays.stream(values).max().getAsDouble() - Arrays.stream(values).min().getAsDouble();
    }

    private static double coefficientOfVariation(double[] loads) {
        double mean = Arrays.stream(loads).average().orElse(0);
        if (mean <= 0) {
            return 0;
        }
        double variance = Arrays.stream(loads).map(l -> (l - mean) * (l - mean)).sum() / loads.length;
        return Math.sqrt(variance) / mean;
    }
}
