package io.pvebench.proxmox;

import java.util.List;

/**
 * {@code pvesh get /cluster/status}: one cluster entry and one entry per node
 * (pve-manager {@code PVE/API2/Cluster.pm}, {@code status}).
 *
 * @param name    cluster name; empty for a standalone node
 * @param quorate whether the answering node's partition has quorum
 * @param nodes   every node of the cluster with its state
 */
public record ClusterStatus(String name, boolean quorate, List<NodeState> nodes) {

    public ClusterStatus {
        nodes = List.copyOf(nodes);
    }

    /**
     * @param name   node name
     * @param online whether corosync sees it
     * @param ip     its cluster address
     */
    public record NodeState(String name, boolean online, String ip) {
    }

    public long onlineCount() {
        return nodes.stream().filter(NodeState::online).count();
    }
}
