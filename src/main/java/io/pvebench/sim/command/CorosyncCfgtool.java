package io.pvebench.sim.command;

import io.pvebench.sim.model.NodeInfo;

/**
 * {@code corosync-cfgtool -s} on a node (corosync 3.1, knet): the local node id and transport, then
 * per link its local address and each node's state as this node's knet sees it ({@code localhost},
 * {@code connected}, {@code disconnected}), in the layout of corosync's {@code tools/corosync-cfgtool.c}
 * ({@code "\t\tnodeid: %10u:\t"}) and of the real outputs under {@code outputs/proxmox/corosync-cfgtool/}. The twin's nodes have one link, {@code 0}, on their
 * cluster network address; a peer is connected while it is in this node's corosync partition. With
 * corosync stopped it fails as cfgtool does when it cannot reach the daemon (exit 1).
 */
final class CorosyncCfgtool implements Program {

    @Override
    public Reply run(Invocation inv) {
        if (!inv.args().equals(java.util.List.of("-s"))) {
            return Reply.error("corosync-cfgtool [[-i <interface ip>] [-b] -s] [-R] [-L] [-k nodeid] [-a nodeid]"
                    + " [-h] [-H] [--force]\n", 1);
        }
        String self = inv.node().name();
        if (!inv.model().corosyncRunning(self)) {
            return Reply.error("Could not initialize corosync configuration API error 2\n", 1);
        }
        StringBuilder out = new StringBuilder();
        out.append("Local node ID ").append(inv.node().nodeId()).append(", transport knet\n");
        out.append("LINK ID 0 udp\n");
        out.append("\taddr\t= ").append(inv.node().ip()).append('\n');
        out.append("\tstatus:\n");
        for (NodeInfo n : inv.model().nodes()) {
            String state = n.name().equals(self) ? "localhost"
                    : inv.model().online(self, n.name()) ? "connected" : "disconnected";
            out.append(String.format(java.util.Locale.ROOT, "\t\tnodeid: %10d:\t%s\n", n.nodeId(), state));
        }
        return Reply.ok(out.toString());
    }
}
