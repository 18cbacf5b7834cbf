package io.pvebench.pipeline;

import java.util.List;

/**
 * Existing VMs a spec names: the first serves (iperf3 server, ping target), the second is
 * the client; any more carry the same load as the pair and are moved by a balancer with
 * them, but measure nothing. pvebench uses them as they are and never removes them.
 *
 * @param vmids 2 to {@value #MAX} different VM ids, server first
 */
public record ListedVms(List<Integer> vmids) implements VmSource {

    /** The most VMs a spec may name. */
    public static final int MAX = 16;

    public ListedVms {
        vmids = List.copyOf(vmids);
        if (vmids.size() < 2 || vmids.size() > MAX || new java.util.HashSet<>(vmids).size() != vmids.size()) {
            throw new IllegalArgumentException("a VM spec names 2 to " + MAX + " different VMs: " + vmids);
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
