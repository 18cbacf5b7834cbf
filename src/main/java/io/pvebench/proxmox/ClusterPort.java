package io.pvebench.proxmox;

import io.pvebench.measure.IpLink;
import io.pvebench.measure.LoadAverage;
import io.pvebench.pipeline.BondMode;
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

    /**
     * {@code /proc/loadavg} of one node: its run queue, which shows CPU demand beyond the node's
     * CPUs where {@link #resources()}' {@code cpu} stops at 100 %.
     */
    LoadAverage loadAverage(String node);

    /**
     * The HA stack's journal on one node since {@code since} ({@code journalctl -u pve-ha-crm -u pve-ha-lrm
     * -o short-iso}): the CRM master's decisions and the LRM's actions, with their times.
     */
    String haJournal(String node, java.time.Instant since);

    /** {@code pvecm status}: votes, quorum and the QDevice, as corosync sees them. */
    PvecmStatus pvecmStatus();

    /** {@code pvesh get /cluster/ha/resources}: every HA resource with its requested state and limits. */
    List<HaResourceConfig> haResources();

    /** {@code pvesh get /cluster/ha/rules} (PVE 9): node and resource affinity; empty where rules do not exist. */
    List<HaRuleConfig> haRules();

    /** {@code pvesh get /cluster/ha/groups} (PVE 8): empty where groups do not exist or became rules. */
    List<HaGroupConfig> haGroups();

    /** {@code ha-manager status} as it prints it on {@code node}: that node's view (quorum, master, services). */
    String haStatus(String node);

    /**
     * {@link #resources()} as {@code node} sees it: while the cluster is split, a node outside the
     * quorate part lists what it last knew.
     */
    List<ClusterResource> resources(String node);

    /** The node's own clock ({@code date +%s.%N}), to the nanosecond it prints. */
    java.time.Instant time(String node);

    /** {@link #resources()} as pvesh printed it ({@code --output-format json}), for callers that keep the raw text. */
    String resourcesJson();

    /** {@code qm config VMID} on the VM's node: its network interfaces. */
    List<VmNic> vmNics(String node, int vmid);

    /** {@code ip -j -d link} on a node: every network device with its MTU, master, kind and bond mode. */
    List<IpLink> links(String node);

    /**
     * {@code /proc/net/bonding/BOND} on a node: the bond's mode, hash policy, LACP rate, MII interval and
     * each slave's speed.
     *
     * @param bond a Linux interface name, at most 15 characters of {@code [A-Za-z0-9_.-]}
     */
    BondStatus bond(String node, String bond);

    /** {@code pveversion -v} on a node: every Proxmox-related package with its installed version, as listed. */
    java.util.Map<String, String> packages(String node);

    /** {@code uname -r} on a node: the running kernel. */
    String kernel(String node);

    /** {@code corosync-cfgtool -s} on a node: its corosync links, their local addresses and the peers' states. */
    CorosyncStatus corosync(String node);

    /** {@code pvesm status} on a node: every storage it sees, with type, status and size. */
    List<StorageStatus> storages(String node);

    /**
     * {@code ip link set dev DEVICE mtu MTU} on a node, live. Refused values come back as
     * a {@link ProxmoxException} with iproute2's message (above the device's maximum, no
     * such device).
     *
     * @param device a Linux interface name, at most 15 characters of {@code [A-Za-z0-9_.-]}
     * @param mtu    68..65535
     */
    void setMtu(String node, String device, int mtu);

    /**
     * Changes a bond's mode live, the only way the kernel allows it: bond down, its slaves
     * released, the mode set, the slaves enslaved again (each down first), bond up, all in
     * one remote shell so the bond comes back up even if the SSH session that started it
     * runs over the bond and stalls. The node's traffic over the bond stops meanwhile (a
     * second, or the few seconds LACP needs to agree again); corosync on that link may see
     * the node leave and rejoin. Then reads the bond back: a mode that did not take, or a
     * bond left down, is a {@link ProxmoxException} carrying what the commands printed.
     *
     * @param slaves the bond's slaves as they were, enslaved again in this order
     */
    void setBondMode(String node, String bond, List<String> slaves, BondMode mode);
}
