package io.pvebench.sim.model;

import java.time.Instant;

/**
 * Fixed facts of a simulated node: name {@code pveN}, corosync node id N, cluster
 * network address {@code 10.0.99.(10+N)}, size (cores, memory and root disk in bytes)
 * and boot instant (for uptime).
 */
public record NodeInfo(String name, int nodeId, String ip, int cores, long memoryBytes, long diskBytes,
                       Instant bootedAt) {
}
