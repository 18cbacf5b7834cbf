package io.pvebench.sim.model;

import java.util.List;

/**
 * Corosync's votequorum view from one partition: members sorted by address (as
 * corosync sends them), one vote per node, {@code expected} = configured nodes plus the
 * QDevice's votes, {@code quorum} = expected/2 + 1. Proxmox's {@code pvecm create} writes
 * no {@code two_node} option, so a two-node cluster has quorum 2 and the survivor of a
 * failure is not quorate ("Activity blocked") unless a QDevice votes for it.
 *
 * @param qdeviceVotes    votes of the configured QDevice, 0 without one
 * @param qdeviceCastVote whether the QDevice votes for this partition
 */
public record QuorumView(List<NodeInfo> members, int expectedVotes, int totalVotes, int quorum, boolean quorate,
                         int ringRepresentative, long ringSeq, int configVersion, int qdeviceVotes,
                         boolean qdeviceCastVote) {

    /** A view without QDevice. */
    public QuorumView(List<NodeInfo> members, int expectedVotes, int totalVotes, int quorum, boolean quorate,
                      int ringRepresentative, long ringSeq, int configVersion) {
        this(members, expectedVotes, totalVotes, quorum, quorate, ringRepresentative, ringSeq, configVersion, 0,
                false);
    }
}
