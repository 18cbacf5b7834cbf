package io.pvebench.pipeline;

import java.util.List;

/**
 * Existing VMs a spec names: the first serves (iperf3 server, ping target), the second is
 * the client. pvebench uses them as they are and never changes or removes them.
 *
 * @param vmids exactly two different VM ids
 */
public record ListedVms(List<Integer> vmids) implements VmSource {

    public ListedVms {
        vmids = List.copyOf(vmids);
        if (vmids.size() != 2 || vmids.get(0).equals(vmids.get(1))) {
            throw new IllegalArgumentException("a VM spec names exactly 2 different VMs: " + vmids);
        }
    }

    /** The VM that serves: iperf3 server and ping target. */
    public int server() {
        return vmids.get(0);
    }

    /** The VM that runs the iperf3 client and the pings. */
    public int client() {
        return vmids.get(1);
    }

    @Override
    public String describe() {
        return "VMs " + vmids;
    }
}
