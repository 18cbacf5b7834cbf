package io.pvebench.sim.model;

import java.util.List;

/**
 * Corosync's votequorum view from one partition: members sorted by address (as
 * corosync sends them), one vote per node, {@code expected} = configured nodes,
 * {@code quorum} = expected/2 + 1. Proxmox's {@code pvecm create} writes no
 * {@code two_node} option, so a two-node cluster has quorum 2 and the survivor of a
 * failure is not quorate ("Activity blocked").
 */
public record QuorumView(List<NodeInfo> members, int expectedVotes, int totalVotes, int quorum, boolean quorate,
                         int ringRepresentative, long ringSeq, int configVersion) {
}
