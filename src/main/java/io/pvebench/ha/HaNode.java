package io.pvebench.ha;

import java.util.Objects;

/**
 * A cluster node as failover sees it.
 *
 * @param name        node name ({@code pve1})
 * @param votes       its corosync votes ({@code pvecm status}), usually 1
 * @param online      whether it is a member of the cluster now
 * @param maintenance whether HA has it in maintenance mode (the CRS never places a service there)
 * @param lrmActive   whether its LRM is {@code active} and so holds the watchdog: such a node fences
 *                    itself when it loses quorum ({@code ha-manager status}, {@code lrm ... (active, ...)})
 * @param memoryTotal memory of the node, bytes
 * @param memoryUsed  memory in use now, bytes
 * @param guestCount  guests the basic CRS counts on it: HA resources not stopped plus running non-HA
 *                    guests (pve-ha-manager 5.1.2 and later add these, {@code recompute_online_node_usage})
 */
public record HaNode(String name, int votes, boolean online, boolean maintenance, boolean lrmActive,
                     long memoryTotal, long memoryUsed, int guestCount) {

    public HaNode {
        Objects.requireNonNull(name, "name");
        if (votes < 0 || memoryTotal < 0 || memoryUsed < 0 || guestCount < 0) {
            throw new IllegalArgumentException("node " + name + ": votes, memory and guest count must not be negative");
        }
    }

    /** An online, active node with one vote. */
    public static HaNode of(String name, long memoryTotal, long memoryUsed, int guestCount) {
        return new HaNode(name, 1, true, false, true, memoryTotal, memoryUsed, guestCount);
    }

    public long memoryFree() {
        return Math.max(0, memoryTotal - memoryUsed);
    }
}
