package io.pvebench.sim;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Cluster set-up options of a twin beyond nodes and VMs.
 *
 * @param qdevice     whether the cluster has a QDevice ({@code pvecm qdevice setup}: 1
 *                    vote with an even number of nodes, nodes - 1 with an odd one)
 * @param bootTime    model time a node needs to come back after a reset ({@code echo b >
 *                    /proc/sysrq-trigger}); null: a reset node stays down
 * @param haResources HA resources configured from the start ({@code vm:100}, state
 *                    started), each naming a VM of the spec
 */
public record SimClusterOptions(boolean qdevice, Duration bootTime, List<String> haResources) {

    /** Default boot time of a reset node: BIOS, kernel, and the PVE services starting. */
    public static final Duration DEFAULT_BOOT_TIME = Duration.ofSeconds(90);

    public SimClusterOptions {
        if (bootTime != null && bootTime.isNegative()) {
            throw new IllegalArgumentException("bootTime must not be negative: " + bootTime);
        }
        haResources = List.copyOf(haResources == null ? List.of() : haResources);
        for (String sid : haResources) {
            Objects.requireNonNull(sid, "haResources");
            if (!sid.matches("vm:[0-9]+")) {
                throw new IllegalArgumentException("HA resource must look like vm:<vmid>: " + sid);
            }
        }
    }

    /** No QDevice, 90 s boot time, no HA resources. */
    public static SimClusterOptions defaults() {
        return new SimClusterOptions(false, DEFAULT_BOOT_TIME, List.of());
    }

    public int qdeviceVotes(int nodes) {
        if (!qdevice) {
            return 0;
        }
        return nodes % 2 == 0 ? 1 : Math.max(1, nodes - 1);
    }
}
