package io.pvebench.sim.model;

/**
 * A node's status as pvestatd reports it: uptime in seconds, CPU as a fraction of all
 * cores, memory and root disk used in bytes.
 */
public record NodeStats(long uptime, double cpu, long mem, long disk) {
}
