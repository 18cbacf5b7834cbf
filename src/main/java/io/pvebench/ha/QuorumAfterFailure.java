package io.pvebench.ha;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the nodes left after one failure keep quorum, and what becomes of each of them. A
 * partition is quorate with at least {@link QuorumSetup#needed()} votes (votequorum); the QDevice
 * gives its votes to the partition that stays. A node without quorum cannot renew its HA locks:
 * if it holds a watchdog (its LRM is active, or it is the CRM master) the watchdog resets it
 * about 60 s later (pve-ha-manager {@code LRM.pm} {@code lost_agent_lock}, {@code watchdog-mux.c}).
 *
 * @param quorate   the survivors keep quorum
 * @param votes     the survivors' votes, the QDevice's included
 * @param reason    why not, when not quorate ({@code 2 nodes without QDevice: pve2 keeps 1 of 2 votes, no quorum})
 * @param survivors the fate of every online node but the failed one
 */
record QuorumAfterFailure(boolean quorate, int votes, String reason, List<SurvivorFate> survivors) {

    static QuorumAfterFailure of(HaFacts facts, String failed) {
        QuorumSetup q = facts.quorum();
        List<HaNode> left = facts.nodes().stream().filter(n -> n.online() && !n.name().equals(failed)).toList();
        int votes = left.stream().mapToInt(HaNode::votes).sum() + q.qdeviceVotes();
        boolean quorate = !left.isEmpty() && votes >= q.needed();
        String names = String.join(", ", left.stream().map(HaNode::name).toList());
        String reason = "";
        if (!quorate) {
            if (left.isEmpty()) {
                reason = "no node is left online";
            } else if (facts.nodes().size() == 2 && !q.hasQdevice()) {
                reason = "2 nodes without QDevice: " + names + " keeps " + votes + " of " + q.expectedVotes()
                        + " votes, no quorum";
            } else {
                reason = names + (q.hasQdevice() ? " and the QDevice" : "") + (left.size() == 1 && !q.hasQdevice()
                        ? " keeps " : " keep ") + votes + " of " + q.expectedVotes() + " votes, quorum needs "
                        + q.needed();
            }
        }
        List<SurvivorFate> fates = new ArrayList<>();
        for (HaNode n : left) {
            boolean master = facts.crmMaster().filter(n.name()::equals).isPresent();
            if (quorate) {
                fates.add(new SurvivorFate(n.name(), false, "keeps quorum (" + votes + " of " + q.expectedVotes()
                        + " votes)"));
            } else if (n.lrmActive() || master) {
                fates.add(new SurvivorFate(n.name(), true, "loses quorum " + (n.lrmActive() ? "with its LRM active"
                        : "as CRM master") + ", cannot renew its HA lock, and its watchdog resets it about 60 s later"));
            } else {
                fates.add(new SurvivorFate(n.name(), false, "loses quorum but holds no HA watchdog, so it stays up"
                        + " with /etc/pve read-only"));
            }
        }
        return new QuorumAfterFailure(quorate, votes, reason, fates);
    }

    boolean selfFences(String node) {
        return survivors.stream().anyMatch(s -> s.node().equals(node) && s.selfFences());
    }
}
