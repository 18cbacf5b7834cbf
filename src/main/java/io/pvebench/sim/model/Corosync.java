package io.pvebench.sim.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Corosync membership and votequorum over the simulated cluster network, as partitions.
 * A node takes part while it is powered, runs {@code corosync}, its cluster link is up
 * and iptables lets corosync's udp through; every such node is in the one main
 * partition, every other powered node running corosync is alone. An optional QDevice
 * (corosync-qnetd reached over the cluster network) casts its votes for the main
 * partition. Votequorum as {@code pvecm create} sets it up: one vote per node, no
 * {@code two_node}, no {@code wait_for_all}; expected votes = nodes + QDevice votes,
 * quorum = expected / 2 + 1 (corosync {@code exec/votequorum.c}, {@code calculate_quorum}).
 *
 * <p>{@link #update} recomputes the partitions after a fault and writes what corosync and
 * pmxcfs log on each node whose membership changed (corosync {@code exec/totemsrp.c},
 * {@code exec/vsf_quorum.c}, {@code exec/main.c}; pve-cluster {@code src/pmxcfs/dfsm.c},
 * {@code status.c}; the {@code [KNET  ]} lines are libknet's).
 *
 * <p>Not thread-safe on its own: {@link ClusterModel} guards it.
 */
public final class Corosync {

    /** How a node left the membership: a clean corosync stop sends a leave message. */
    enum Leave { CLEAN, LOST }

    private final List<NodeInfo> nodes;
    private final Map<String, Host> hosts;
    private final Journal journal;
    private final int qdeviceVotes;
    private final Set<String> down = new HashSet<>();
    private final Map<String, List<NodeInfo>> partitions = new HashMap<>();
    private final Map<String, Boolean> quorate = new HashMap<>();
    private final Map<String, long[]> ring = new HashMap<>();
    private final Map<String, Leave> leaving = new HashMap<>();
    private long ringSeq;

    Corosync(List<NodeInfo> nodes, Map<String, Host> hosts, Journal journal, int qdeviceVotes, long firstRingSeq) {
        this.nodes = List.copyOf(nodes);
        this.hosts = hosts;
        this.journal = journal;
        this.qdeviceVotes = qdeviceVotes;
        this.ringSeq = firstRingSeq;
        List<NodeInfo> all = sorted(this.nodes);
        for (NodeInfo n : this.nodes) {
            partitions.put(n.name(), all);
            quorate.put(n.name(), true);
            ring.put(n.name(), new long[] {all.get(0).nodeId(), ringSeq});
        }
    }

    /** Votes of the QDevice, 0 without one. */
    public int qdeviceVotes() {
        return qdeviceVotes;
    }

    void setDown(String node, boolean isDown) {
        if (isDown) {
            down.add(node);
        } else {
            down.remove(node);
        }
    }

    /** Marks how the next departure of {@code node} looks to the others (clean leave or lost token). */
    void leaving(String node, Leave how) {
        leaving.put(node, how);
    }

    private boolean member(String node) {
        Host h = hosts.get(node);
        return !down.contains(node) && h.running("corosync");
    }

    boolean connected(String node) {
        Host h = hosts.get(node);
        return member(node) && h.clusterLinkUp() && !h.corosyncBlocked();
    }

    /** The partition {@code viewer} is in now (empty when it runs no corosync). */
    private List<NodeInfo> computePartition(String viewer) {
        if (!member(viewer)) {
            return List.of();
        }
        if (!connected(viewer)) {
            return List.of(node(viewer));
        }
        return sorted(nodes.stream().filter(n -> connected(n.name())).toList());
    }

    private boolean qdeviceVotesFor(List<NodeInfo> partition) {
        return qdeviceVotes > 0 && !partition.isEmpty() && connected(partition.get(0).name());
    }

    private boolean computeQuorate(List<NodeInfo> partition) {
        int votes = partition.size() + (qdeviceVotesFor(partition) ? qdeviceVotes : 0);
        return !partition.isEmpty() && votes >= quorum();
    }

    int expectedVotes() {
        return nodes.size() + qdeviceVotes;
    }

    int quorum() {
        return expectedVotes() / 2 + 1;
    }

    /** True when corosync runs on {@code viewer}. */
    public boolean running(String viewer) {
        return !partitions.get(viewer).isEmpty();
    }

    /** The members {@code viewer} sees, sorted by address; empty without corosync. */
    public List<NodeInfo> partition(String viewer) {
        return partitions.get(viewer);
    }

    public boolean quorate(String viewer) {
        return quorate.get(viewer);
    }

    /** votequorum's view from {@code viewer}'s partition. */
    public QuorumView view(String viewer) {
        List<NodeInfo> members = partitions.get(viewer);
        boolean cast = qdeviceVotesFor(members);
        int total = members.size() + (cast ? qdeviceVotes : 0);
        long[] r = ring.get(viewer);
        // pvecm qdevice setup rewrites corosync.conf once more
        int configVersion = nodes.size() + (qdeviceVotes > 0 ? 1 : 0);
        return new QuorumView(members, expectedVotes(), total, quorum(), quorate.get(viewer), (int) r[0], r[1],
                configVersion, qdeviceVotes, cast);
    }

    /**
     * Recomputes every partition; for each node whose membership changed, logs the new
     * ring in its journal. Returns the nodes whose quorum changed.
     */
    Set<String> update(Instant now) {
        Map<String, List<NodeInfo>> next = new HashMap<>();
        for (NodeInfo n : nodes) {
            next.put(n.name(), computePartition(n.name()));
        }
        Set<String> changedQuorum = new LinkedHashSet<>();
        Map<Set<String>, Long> newRings = new HashMap<>();
        for (NodeInfo n : nodes) {
            String v = n.name();
            List<NodeInfo> before = partitions.get(v);
            List<NodeInfo> after = next.get(v);
            if (before.equals(after)) {
                continue;
            }
            boolean wasQuorate = quorate.get(v);
            boolean isQuorate = computeQuorate(after);
            partitions.put(v, after);
            quorate.put(v, isQuorate);
            if (wasQuorate != isQuorate) {
                changedQuorum.add(v);
            }
            if (after.isEmpty()) {
                continue; // corosync stopped or node down: nothing more is logged there
            }
            Set<String> key = after.stream().map(NodeInfo::name).collect(Collectors.toSet());
            long seq = newRings.computeIfAbsent(key, k -> ringSeq += 4);
            long rep = after.get(0).nodeId();
            ring.put(v, new long[] {rep, seq});
            if (!before.isEmpty()) {
                logChange(now, v, before, after, rep, seq, wasQuorate, isQuorate);
            } else {
                logStart(now, v, after, rep, seq, isQuorate);
            }
        }
        leaving.keySet().removeIf(node -> !next.get(node).isEmpty() || down.contains(node));
        return changedQuorum;
    }

    private void logChange(Instant now, String v, List<NodeInfo> before, List<NodeInfo> after, long rep, long seq,
                           boolean wasQuorate, boolean isQuorate) {
        List<Integer> left = ids(before.stream().filter(n -> !after.contains(n)).toList());
        List<Integer> joined = ids(after.stream().filter(n -> !before.contains(n)).toList());
        boolean lost = before.stream().filter(n -> !after.contains(n))
                .anyMatch(n -> leaving.getOrDefault(n.name(), Leave.LOST) == Leave.LOST || n.name().equals(v));
        for (int id : left) {
            corosync(now, v, "[KNET  ] link: host: " + id + " link: 0 is down");
            corosync(now, v, "[KNET  ] host: host: " + id + " (passive) best link: 0 (pri: 1)");
            corosync(now, v, "[KNET  ] host: host: " + id + " has no active links");
        }
        for (int id : joined) {
            corosync(now, v, "[KNET  ] rx: host: " + id + " link: 0 is up");
            corosync(now, v, "[KNET  ] link: Resetting MTU for link 0 because host " + id + " joined");
            corosync(now, v, "[KNET  ] host: host: " + id + " (passive) best link: 0 (pri: 1)");
        }
        if (!left.isEmpty() && lost) {
            int token = 3000 + 650 * Math.max(0, nodes.size() - 2);
            corosync(now, v, "[TOTEM ] Token has not been received in " + token * 3 / 4 + " ms");
            corosync(now, v, "[TOTEM ] A processor failed, forming new configuration: token timed out ("
                    + token + "ms), waiting " + token * 6 / 5 + "ms for consensus.");
        }
        corosync(now, v, "[QUORUM] Sync members[" + after.size() + "]:" + list(ids(after)));
        if (!joined.isEmpty()) {
            corosync(now, v, "[QUORUM] Sync joined[" + joined.size() + "]:" + list(joined));
        }
        if (!left.isEmpty()) {
            corosync(now, v, "[QUORUM] Sync left[" + left.size() + "]:" + list(left));
        }
        corosync(now, v, "[TOTEM ] A new membership (" + Long.toHexString(rep) + "." + Long.toHexString(seq)
                + ") was formed. Members" + (joined.isEmpty() ? "" : " joined:" + list(joined))
                + (left.isEmpty() ? "" : " left:" + list(left)));
        if (!left.isEmpty() && lost) {
            corosync(now, v, "[TOTEM ] Failed to receive the leave message. failed:" + list(left));
        }
        quorumLines(now, v, after, wasQuorate, isQuorate);
        pmxcfs(now, v, after, wasQuorate, isQuorate);
    }

    private void logStart(Instant now, String v, List<NodeInfo> after, long rep, long seq, boolean isQuorate) {
        corosync(now, v, "[MAIN  ] Corosync Cluster Engine 3.1.9 starting up");
        corosync(now, v, "[TOTEM ] Initializing transport (Kronosnet).");
        corosync(now, v, "[QUORUM] Sync members[" + after.size() + "]:" + list(ids(after)));
        corosync(now, v, "[QUORUM] Sync joined[" + after.size() + "]:" + list(ids(after)));
        corosync(now, v, "[TOTEM ] A new membership (" + Long.toHexString(rep) + "." + Long.toHexString(seq)
                + ") was formed. Members joined:" + list(ids(after)));
        quorumLines(now, v, after, false, isQuorate);
        pmxcfs(now, v, after, false, isQuorate);
    }

    private void quorumLines(Instant now, String v, List<NodeInfo> after, boolean wasQuorate, boolean isQuorate) {
        if (isQuorate && !wasQuorate) {
            corosync(now, v, "[QUORUM] This node is within the primary component and will provide service.");
        } else if (!isQuorate && wasQuorate) {
            corosync(now, v, "[QUORUM] This node is within the non-primary component and will NOT provide any"
                    + " services.");
        }
        corosync(now, v, "[QUORUM] Members[" + after.size() + "]:" + list(ids(after)));
        corosync(now, v, "[MAIN  ] Completed service synchronization, ready to provide service.");
    }

    private void pmxcfs(Instant now, String v, List<NodeInfo> after, boolean wasQuorate, boolean isQuorate) {
        Host h = hosts.get(v);
        if (!h.running("pve-cluster")) {
            return;
        }
        String members = after.stream().filter(n -> hosts.get(n.name()).running("pve-cluster"))
                .sorted(Comparator.comparingInt(NodeInfo::nodeId))
                .map(n -> n.nodeId() + "/" + hosts.get(n.name()).pid("pve-cluster"))
                .collect(Collectors.joining(", "));
        int pid = h.pid("pve-cluster");
        journal.append(now, v, "pve-cluster", "pmxcfs", pid, "[dcdb] notice: members: " + members);
        journal.append(now, v, "pve-cluster", "pmxcfs", pid, "[status] notice: members: " + members);
        if (isQuorate != wasQuorate) {
            journal.append(now, v, "pve-cluster", "pmxcfs", pid,
                    "[status] notice: " + (isQuorate ? "node has quorum" : "node lost quorum"));
        }
    }

    private void corosync(Instant now, String v, String message) {
        journal.append(now, v, "corosync", "corosync", hosts.get(v).pid("corosync"), "  " + message);
    }

    private NodeInfo node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<NodeInfo> sorted(List<NodeInfo> members) {
        List<NodeInfo> copy = new ArrayList<>(members);
        copy.sort(Comparator.comparingLong(n -> ipKey(n.ip())));
        return List.copyOf(copy);
    }

    private static List<Integer> ids(List<NodeInfo> members) {
        return members.stream().map(NodeInfo::nodeId).sorted().toList();
    }

    private static String list(List<Integer> ids) {
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            out.append(' ').append(id);
        }
        return out.toString();
    }

    private static long ipKey(String ip) {
        long key = 0;
        for (String part : ip.split("\\.")) {
            key = key * 256 + Integer.parseInt(part);
        }
        return key;
    }
}
