package io.pvebench.proxmox;

import java.util.List;

/**
 * The Proxmox operations stages need, cluster-wide or on one node. Implementations
 * run Proxmox's own commands on the nodes; cluster-wide questions are asked of the
 * first node that answers.
 *
 * <p>Thread-safe. Throws {@link io.pvebench.ssh.SshException} when no node can be
 * reached and {@link ProxmoxException} when a command fails or answers in a shape
 * that cannot be read.
 */
public interface ClusterPort {

    /** Node names as the inventory gives them. */
    List<String> nodes();

    /** {@code pveversion} of one node. */
    PveVersion version(String node);

    /** {@code pvesh get /cluster/status}: cluster name, quorum, nodes and their state. */
    ClusterStatus status();

    /** {@code pvesh get /cluster/resources}: nodes, guests and storage with their usage. */
    List<ClusterResource> resources();

    /** The node's own clock ({@code date +%s.%N}), to the nanosecond it prints. */
    java.time.Instant time(String node);

    /** {@link #resources()} as pvesh printed it ({@code --output-format json}), for callers that keep the raw text. */
    String resourcesJson();
}
