package io.pvebench.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * A VM size under test and the existing VMs that have it.
 *
 * @param name        {@code [a-z0-9][a-z0-9-]*}, unique in its pipeline
 * @param cores       vCPUs, 1..512
 * @param memoryBytes memory in bytes
 * @param vms         VM ids: the first serves (iperf3 server, ping target), the second is the client
 */
public record VmSpec(String name, int cores, long memoryBytes, List<Integer> vms) {

    public VmSpec {
        Objects.requireNonNull(name, "name");
        vms = List.copyOf(vms);
        if (vms.size() != 2) {
            throw new IllegalArgumentException("a VM spec names exactly 2 VMs: " + vms);
        }
    }

    /** The VM that serves: iperf3 server and ping target. */
    public int serverVm() {
        return vms.get(0);
    }

    /** The VM that runs the iperf3 client and the pings. */
    public int clientVm() {
        return vms.get(1);
    }
}
