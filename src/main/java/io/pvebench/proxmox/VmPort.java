package io.pvebench.proxmox;

import java.util.List;
import java.util.Map;

/**
 * Makes, changes and removes VMs with Proxmox's own commands ({@code pvesh}, {@code qm})
 * on the node that holds the VM. Every command that runs a Proxmox task returns when the
 * task has ended.
 *
 * <p>Thread-safe. Throws {@link io.pvebench.ssh.SshException} when the node cannot be
 * reached and {@link ProxmoxException} when a command fails (the message ends with what
 * Proxmox printed on stderr); a value Proxmox would refuse (a tag, a name) fails with
 * {@link IllegalArgumentException} before anything runs.
 */
public interface VmPort {

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
