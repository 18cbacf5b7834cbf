package io.pvebench.stage;

import io.pvebench.guest.GuestVm;

/**
 * The two VMs of a spec that measure the network between them, as found in preflight.
 *
 * @param server        serves iperf3 and answers pings
 * @param client        runs the iperf3 client and the ping probe
 * @param serverAddress the server's guest IPv4 address
 */
public record VmPair(GuestVm server, GuestVm client, String serverAddress) {

    /** The same VMs, found on these nodes now (a balancer or a migration may have moved them). */
    public VmPair on(String serverNode, String clientNode) {
        return new VmPair(new GuestVm(server.vmid(), serverNode), new GuestVm(client.vmid(), clientNode),
                serverAddress);
    }

    /** {@code cross-node} or {@code same-node}: what the traffic crosses. */
    public String path() {
        return server.node().equals(client.node()) ? "same-node" : "cross-node";
    }
}
