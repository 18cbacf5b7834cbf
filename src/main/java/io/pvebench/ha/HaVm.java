package io.pvebench.ha;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An HA-managed VM.
 *
 * @param sid            {@code vm:101}
 * @param node           the node it is on now
 * @param requestedState {@code started}, {@code stopped}, {@code disabled} or {@code ignored}
 *                       ({@code /cluster/ha/resources} {@code state})
 * @param crmState       the CRM's state for it ({@code ha-manager status}: {@code started}, {@code freeze},
 *                       {@code error}, {@code fence}, ...)
 * @param memory         its configured memory, bytes
 * @param disks          its drives
 * @param boot           how long its guest takes from start to service, added to the window
 * @param maxRestart     restarts on the same node after a failed start (default 1)
 * @param maxRelocate    relocations to another node after that (default 1)
 */
public record HaVm(String sid, String node, String requestedState, String crmState, long memory, List<VmDisk> disks,
                   Duration boot, int maxRestart, int maxRelocate) {

    public HaVm {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(requestedState, "requestedState");
        Objects.requireNonNull(crmState, "crmState");
        Objects.requireNonNull(boot, "boot");
        disks = List.copyOf(disks);
        if (memory < 0 || maxRestart < 0 || maxRelocate < 0 || boot.isNegative()) {
            throw new IllegalArgumentException(sid + ": memory, boot, max_restart and max_relocate must not be negative");
        }
    }

    /** A started VM with Proxmox's default limits (max_restart 1, max_relocate 1). */
    public static HaVm started(String sid, String node, long memory, Duration boot, VmDisk... disks) {
        return new HaVm(sid, node, "started", "started", memory, List.of(disks), boot, 1, 1);
    }

    public HaVm withRequestedState(String state) {
        return new HaVm(sid, node, state, crmState, memory, disks, boot, maxRestart, maxRelocate);
    }

    public HaVm withCrmState(String state) {
        return new HaVm(sid, node, requestedState, state, memory, disks, boot, maxRestart, maxRelocate);
    }

    public HaVm withLimits(int restart, int relocate) {
        return new HaVm(sid, node, requestedState, crmState, memory, disks, boot, restart, relocate);
    }
}
