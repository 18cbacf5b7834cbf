package io.pvebench.sim.model;

/**
 * A VM's status as pvestatd reports it: uptime in seconds, CPU as a fraction of its
 * vCPUs, guest memory used ({@code mem}) and host memory used ({@code memhost}, PSS of
 * the VM's cgroup, 9.x), all bytes; net and disk counters in bytes since start.
 */
public record VmStats(String status, long uptime, double cpu, long mem, long memhost, long disk, long netin,
                      long netout, long diskread, long diskwrite) {
}
