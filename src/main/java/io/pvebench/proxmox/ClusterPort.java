package io.pvebench.proxmox;

import java.util.List;
import java.util.Map;

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

    /** {@link #resources()} as pvesh printed it ({@code --output-format json}), for callers that keep the raw text. */
    String resourcesJson();

    /**
     * {@code pvesh get /cluster/nextid}: the lowest VM id no guest uses. Not reserved: a
     * clone to it fails if someone else takes it first.
     */
    int nextVmid();

    /** {@code pvesh get /nodes/NODE/qemu/VMID/config}: the VM's configuration, pending changes applied. */
    Map<String, String> vmConfig(String node, int vmid);

    /**
     * {@code qm clone SOURCE NEWID --name NAME --full [--target TARGET]} on {@code node}, the
     * source's node; returns when the clone task has ended (the CLI runs it in the foreground).
     *
     * @param target the node the clone's config goes to, or null for {@code node}; Proxmox
     *               allows another node only when every disk of the source is on shared storage
     */
    void cloneVm(String node, int source, int newid, String name, String target);

    /** {@code qm migrate VMID TARGET} of a stopped VM on {@code node} (local disks are copied); returns when it has ended. */
    void migrateStoppedVm(String node, int vmid, String target);

    /**
     * {@code qm set VMID --sockets 1 --cores CORES --memory MIB --tags TAGS}: the VM's size and
     * its tags (each a pve-tag: {@code [a-z0-9_][a-z0-9_+.-]*}).
     */
    void configureVm(String node, int vmid, int cores, long memoryMib, List<String> tags);

    /** {@code qm start VMID}; returns when QEMU runs (the guest may still be booting). */
    void startVm(String node, int vmid);

    /** {@code qm stop VMID}: hard stop, nothing to do for a stopped VM. */
    void stopVm(String node, int vmid);

    /** {@code qm destroy VMID --purge}: the VM, its disks, and its entries in backup, replication and HA jobs. */
    void destroyVm(String node, int vmid);

    /** {@code qm guest cmd VMID ping}: whether the VM's QEMU guest agent answers now. */
    boolean guestAgentAnswers(String node, int vmid);
}
