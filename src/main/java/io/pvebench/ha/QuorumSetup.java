package io.pvebench.ha;

/**
 * The cluster's votequorum settings, from {@code pvecm status}.
 *
 * @param expectedVotes votes of every configured node plus the QDevice's ({@code Expected votes})
 * @param qdeviceVotes  the votes the QDevice casts (its membership row), 0 without one; with
 *                      corosync-qnetd's {@code ffsplit} it gives them to the partition that stays
 * @param twoNode       corosync's {@code two_node} ({@code Flags: 2Node}): a lone node of two stays quorate
 */
public record QuorumSetup(int expectedVotes, int qdeviceVotes, boolean twoNode) {

    public QuorumSetup {
        if (expectedVotes < 1 || qdeviceVotes < 0) {
            throw new IllegalArgumentException("expected votes must be at least 1 and QDevice votes not negative");
        }
    }

    /** One vote per node, no QDevice, no two_node. */
    public static QuorumSetup plain(int nodes) {
        return new QuorumSetup(nodes, 0, false);
    }

    /** Votes a partition needs: votequorum's {@code expected / 2 + 1}; 1 for two nodes in {@code two_node} mode. */
    public int needed() {
        return twoNode && expectedVotes == 2 ? 1 : expectedVotes / 2 + 1;
    }

    public boolean hasQdevice() {
        return qdeviceVotes > 0;
    }
}
