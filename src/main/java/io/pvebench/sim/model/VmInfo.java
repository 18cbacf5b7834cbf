package io.pvebench.sim.model;

import java.time.Instant;

/**
 * Fixed facts of a simulated VM: id, name, size, guest address on {@code eth0}
 * ({@code 10.10.x.y/16}, one bridge spanning all nodes), MAC (Proxmox's
 * {@code BC:24:11} prefix), the QEMU pid on its node and when it was started.
 * Memory and disk in bytes.
 */
public record VmInfo(int vmid, String name, int cores, long memoryBytes, long diskBytes, String ip, int prefix,
                     String mac, int pid, Instant startedAt) {
}
