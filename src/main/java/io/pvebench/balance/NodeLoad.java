package io.pvebench.balance;

import java.util.Objects;

/**
 * One node's load at one instant, as the CRS reads it.
 *
 * @param name        node name ({@code pve1})
 * @param cpuUsed     CPU in use, in cores (PVE's {@code cpu} fraction × {@code maxcpu}); at least 0
 * @param cpuCount    logical CPUs of the node, at least 1
 * @param memoryUsed  memory in use, bytes; at least 0
 * @param memoryTotal memory of the node, bytes; at least 1
 */
public record NodeLoad(String name, double cpuUsed, int cpuCount, long memoryUsed, long memoryTotal) {

    public NodeLoad {
        Objects.requireNonNull(name, "name");
        if (!(cpuUsed >= 0) || cpuCount < 1 || memoryUsed < 0 || memoryTotal < 1) {
            throw new IllegalArgumentException("node " + name + ": needs cpuUsed >= 0, cpuCount >= 1, memoryUsed >= 0,"
                    + " memoryTotal >= 1; got " + cpuUsed + ", " + cpuCount + ", " + memoryUsed + ", " + memoryTotal);
        }
    }

    /** CPU in use as a fraction of the node's CPUs (may exceed 1 only if the input does). */
    public double cpuFraction() {
        return cpuUsed / cpuCount;
    }

    /** Memory in use as a fraction of the node's memory. */
    public double memoryFraction() {
        return (double) memoryUsed / memoryTotal;
    }

    /** This node with {@code cpu} cores and {@code memory} bytes added (negative: removed; floored at 0). */
    NodeLoad plus(double cpu, long memory) {
        return new NodeLoad(name, Math.max(0, cpuUsed + cpu), cpuCount, Math.max(0, memoryUsed + memory), memoryTotal);
    }
}
