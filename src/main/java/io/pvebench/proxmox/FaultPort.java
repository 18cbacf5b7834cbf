package io.pvebench.proxmox;

/**
 * The changes a failover test makes to a cluster on purpose, and their undoing. Each undo
 * copes with a change that never happened (a rule that is not there, a service that runs),
 * because whoever heals after a crash cannot know how far the change got.
 *
 * <p>Thread-safe. Throws {@link io.pvebench.ssh.SshException} when the node cannot be reached
 * and {@link ProxmoxException} when a command fails.
 */
public interface FaultPort {

    /**
     * Drops corosync's traffic (UDP 5405–5412, every knet link) in and out of {@code node} with
     * two iptables rules inserted first in INPUT and OUTPUT: the node leaves the cluster while
     * SSH, storage and guest traffic go on.
     */
    void dropCorosync(String node);

    /** Deletes the rules {@link #dropCorosync} inserts, every copy of them; none is fine. */
    void allowCorosync(String node);

    /** {@code ip link set dev DEVICE down}: every traffic over that interface stops. */
    void linkDown(String node, String device);

    /** {@code ip link set dev DEVICE up}. */
    void linkUp(String node, String device);

    /** Stops the node's HA services (LRM, then CRM): its HA guests are no longer managed there. */
    void stopHaServices(String node);

    /** Starts the node's HA services (CRM, then LRM); running ones are left alone. */
    void startHaServices(String node);

    /** {@code ha-manager crm-command node-maintenance enable|disable NODE}, asked of any node. */
    void nodeMaintenance(String node, boolean enable);

    /**
     * Resets the node at once through the magic SysRq key, as a watchdog would: no shutdown,
     * no sync. The command does not come back; the node's SSH session drops.
     */
    void sysrqReset(String node);
}
