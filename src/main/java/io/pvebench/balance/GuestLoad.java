package io.pvebench.balance;

import java.util.Objects;

/**
 * One guest's load at one instant, and what a balancer may do with it.
 *
 * @param vmid       the guest's id
 * @param node       the node it runs on
 * @param cpuUsed    CPU in use, in cores (PVE's {@code cpu} fraction × the guest's {@code maxcpu}); at least 0
 * @param memoryUsed memory in use, bytes; at least 0
 * @param haManaged  whether it is an HA resource (the native CRS moves only these)
 * @param running    whether it runs ({@code started} for an HA resource); only running guests
 *                   are moved, because moving a stopped one relieves nothing
 */
public record GuestLoad(int vmid, String node, double cpuUsed, long memoryUsed, boolean haManaged, boolean running) {

    public GuestLoad {
        Objects.requireNonNull(node, "node");
        if (!(cpuUsed >= 0) || memoryUsed < 0) {
            throw new IllegalArgumentException("vm " + vmid + ": needs cpuUsed >= 0 and memoryUsed >= 0");
        }
    }

    GuestLoad on(String target) {
        return new GuestLoad(vmid, target, cpuUsed, memoryUsed, haManaged, running);
    }
}
