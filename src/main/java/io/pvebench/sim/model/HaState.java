package io.pvebench.sim.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The HA stack's configuration and the CRM's view (pve-ha-manager 5.2.0 / 4.0.7):
 * resources ({@code resources.cfg}), groups (8.x, {@code groups.cfg}), rules (9.x,
 * {@code rules.cfg}), the master CRM, the CRM's node states and the LRM and master
 * timestamps {@code ha-manager status} shows.
 *
 * <p>What is modelled now: adding a resource activates the CRM on the lowest-numbered
 * eligible node (powered, {@code pve-ha-crm} running, quorate); a service's CRM state
 * follows its requested state at once ({@code started}, {@code stopped}); a node leaving
 * the master's quorate partition goes {@code online => unknown} and back, logged in the
 * master's {@code pve-ha-crm} journal. Timestamps of a daemon freeze when it stops, its
 * node dies or loses quorum. Migrations of services ({@link Motion}) go queued (the CRM
 * command), {@code migrate} (the LRM migrates) and done (the CRM settles the state); the
 * CRS scheduler mode and the auto-rebalance hold counter of the master live here too.
 *
 * <p>Fencing and recovery ({@code NodeStatus.pm}, {@code Manager.pm}): the CRM's
 * {@code last_online} per node (the last CRM round that saw it online), the CRM service
 * states beyond the requested one ({@code fence}, {@code recovery}, {@code error}, a
 * relocation's {@code migrate}), the nodes a start failed on ({@code failed_nodes}),
 * when each node's LRM last renewed its agent lock (which the CRM can take 120 s later,
 * and when the node's watchdog was last fed), services an LRM still has to start and the
 * node holding a VM's local disks after it was recovered elsewhere. The timing itself is
 * driven by {@code HaCrm}. Also the maintenance requests and LRM modes ({@code
 * maintenance}, {@code disarm}), {@code maintenance_node}, and the 9.2 disarm state. A new
 * master takes over only once the old master's {@code ha_manager_lock} expired (120 s).
 * Not modelled: failback, shutdown policies, the 1 h {@code gone} node state.
 *
 * <p>Not thread-safe on its own: {@link ClusterModel} guards it.
 */
public final class HaState {

    /** One {@code resources.cfg} entry; null fields are not set. */
    public record Resource(String sid, String state, String group, String comment, Integer maxRestart,
                           Integer maxRelocate) {
        public int vmid() {
            return Integer.parseInt(sid.substring(sid.indexOf(':') + 1));
        }
    }

    /** One {@code groups.cfg} entry (PVE 8.x). */
    public record Group(String name, String nodes, boolean restricted, boolean nofailback, String comment) {
    }

    /**
     * One {@code rules.cfg} entry (PVE 9.x): {@code nodes}/{@code strict} for node-affinity,
     * {@code affinity} for resource-affinity.
     */
    public record Rule(String type, String name, String resources, String nodes, Integer strict, String affinity,
                       String comment, boolean disabled) {
    }

    private final Map<String, Resource> resources = new TreeMap<>();
    private final Map<String, Group> groups = new TreeMap<>();
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, String> nodeState = new TreeMap<>();
    private final Map<String, Instant> lrmFrozen = new TreeMap<>();
    private final Map<String, Motion> motions = new TreeMap<>();
    private final Map<String, String> serviceStates = new TreeMap<>();
    private final Map<String, Instant> lastOnline = new TreeMap<>();
    private final Map<String, Instant> agentLock = new TreeMap<>();
    private final Map<String, java.util.List<String>> failedNodes = new TreeMap<>();
    private final Map<String, String> relocations = new TreeMap<>();
    private final java.util.Set<String> needsStart = new java.util.TreeSet<>();
    private final java.util.Set<String> startFailed = new java.util.TreeSet<>();
    private final Map<Integer, String> diskHome = new TreeMap<>();
    private final java.util.List<String> crmCommands = new java.util.ArrayList<>();
    private final java.util.Set<String> maintenanceRequests = new java.util.TreeSet<>();
    private final java.util.Set<String> lrmMaintenance = new java.util.TreeSet<>();
    private final java.util.Set<String> lrmInMaintenanceState = new java.util.TreeSet<>();
    private final Map<String, String> maintenanceNode = new TreeMap<>();
    private final java.util.Set<String> watchdogOpen = new java.util.TreeSet<>();
    private final java.util.Set<String> lrmDisarm = new java.util.TreeSet<>();
    private final java.util.Set<String> lrmReleased = new java.util.TreeSet<>();
    private String disarmMode;
    private String disarmState;
    private boolean crmWatchdogReleased;
    private String master;
    private Instant masterFrozen;
    private boolean masterWaitsForQuorum;
    private String crsMaster;
    private String crsMode;
    private String crsMethod;
    private int sustainedImbalanceRounds;

    /** Where a motion ({@code migrate}) of a service stands. */
    public enum Phase {
        /** {@code ha-manager migrate} wrote the CRM command; the CRM has not read it yet. */
        QUEUED,
        /** The CRM set the service to {@code migrate}; the source's LRM runs the migration. */
        MIGRATE,
        /** The LRM finished (ok or not); the CRM's next round sets the service state. */
        DONE
    }

    /** A service's queued or running migration: source and target node, the LRM's result once done. */
    public record Motion(String source, String target, Phase phase, boolean ok) {
        public Motion to(Phase next, boolean result) {
            return new Motion(source, target, next, result);
        }
    }

    public Map<String, Resource> resources() {
        return resources;
    }

    public Map<String, Group> groups() {
        return groups;
    }

    public Map<String, Rule> rules() {
        return rules;
    }

    /** True once the CRM runs a manager status (a resource was ever configured). */
    public boolean active() {
        return master != null;
    }

    public String master() {
        return master;
    }

    /** The CRM's node states ({@code online}, {@code unknown}), empty while HA is inactive. */
    public Map<String, String> nodeStates() {
        return nodeState;
    }

    /** Queued and running migrations by sid. */
    public Map<String, Motion> motions() {
        return motions;
    }

    /** {@code any_resource_motion_queued_or_running}: a migration queued or in its {@code migrate} state. */
    public boolean motionQueuedOrRunning() {
        return !motions.isEmpty();
    }

    /** The master the CRS state below belongs to (a new master starts its scheduler afresh). */
    public String crsMaster() {
        return crsMaster;
    }

    /** The scheduler mode the master CRM uses, null before its first round. */
    public String crsMode() {
        return crsMode;
    }

    /** The balancing method last seen (for a one-time note), null before. */
    public String crsMethod() {
        return crsMethod;
    }

    public void setCrs(String master, String mode, String method) {
        this.crsMaster = master;
        this.crsMode = mode;
        this.crsMethod = method;
    }

    /** Consecutive CRM rounds with the imbalance above the threshold. */
    public int sustainedImbalanceRounds() {
        return sustainedImbalanceRounds;
    }

    public void setSustainedImbalanceRounds(int rounds) {
        this.sustainedImbalanceRounds = rounds;
    }

    /** CRM service states that override the requested one: {@code fence}, {@code recovery}, {@code error}, {@code migrate}. */
    public Map<String, String> serviceStates() {
        return serviceStates;
    }

    /** {@code NodeStatus.pm last_online}: the last CRM round that saw the node online (only kept for nodes not online). */
    public Map<String, Instant> lastOnline() {
        return lastOnline;
    }

    /**
     * When a node's LRM last renewed its agent lock ({@code ha_agent_<node>_lock}), kept
     * for LRMs that held it (had services) and stopped renewing it; its watchdog was fed
     * at the same LRM round.
     */
    public Map<String, Instant> agentLock() {
        return agentLock;
    }

    /** {@code failed_nodes} of a service: nodes where its start failed. */
    public Map<String, java.util.List<String>> failedNodes() {
        return failedNodes;
    }

    /** Target of a (stopped) service the CRM relocates after a failed start. */
    public Map<String, String> relocations() {
        return relocations;
    }

    /** Services the LRM of their node has to start (after a recovery or a reset). */
    public java.util.Set<String> needsStart() {
        return needsStart;
    }

    /** Services whose LRM gave up starting them ({@code ERROR} for the CRM's next round). */
    public java.util.Set<String> startFailed() {
        return startFailed;
    }

    /** The node whose local storage holds a VM's disks, once HA moved its config elsewhere. */
    public Map<Integer, String> diskHome() {
        return diskHome;
    }

    /** {@code ha-manager crm-command} requests not yet read by the master ({@code crm_commands}). */
    public java.util.List<String> crmCommands() {
        return crmCommands;
    }

    /** Nodes with a maintenance request in the manager status ({@code node_request.<n>.maintenance}). */
    public java.util.Set<String> maintenanceRequests() {
        return maintenanceRequests;
    }

    /** Nodes whose LRM runs in mode {@code maintenance} (it read the request at its round). */
    public java.util.Set<String> lrmMaintenance() {
        return lrmMaintenance;
    }

    /** Nodes whose LRM is in state {@code maintenance} (it was active and keeps lock and watchdog until empty). */
    public java.util.Set<String> lrmInMaintenanceState() {
        return lrmInMaintenanceState;
    }

    /** Nodes whose LRM holds its watchdog through maintenance (closed once the node is empty). */
    public java.util.Set<String> watchdogOpen() {
        return watchdogOpen;
    }

    /** The 9.2 disarm request's resource mode ({@code freeze}, {@code ignore}), null while armed. */
    public String disarmMode() {
        return disarmMode;
    }

    /** {@code disarming} or {@code disarmed}, null while armed. */
    public String disarmState() {
        return disarmState;
    }

    public void setDisarm(String mode, String state) {
        this.disarmMode = mode;
        this.disarmState = state;
    }

    /** Whether the master CRM released its watchdog (fully disarmed). */
    public boolean crmWatchdogReleased() {
        return crmWatchdogReleased;
    }

    public void setCrmWatchdogReleased(boolean released) {
        this.crmWatchdogReleased = released;
    }

    /** Nodes whose LRM runs in mode {@code disarm}. */
    public java.util.Set<String> lrmDisarm() {
        return lrmDisarm;
    }

    /** Nodes whose LRM released agent lock and watchdog for a disarm ({@code wait_for_agent_lock}). */
    public java.util.Set<String> lrmReleased() {
        return lrmReleased;
    }

    /** {@code maintenance_node} of a service: where it returns once that node leaves maintenance. */
    public Map<String, String> maintenanceNode() {
        return maintenanceNode;
    }

    /** The CRM state of a service (the requested state mapped as the CRM settles it). */
    public String crmState(Resource r) {
        String special = serviceStates.get(r.sid());
        if (special != null) {
            return special;
        }
        Motion m = motions.get(r.sid());
        if (m != null && m.phase() != Phase.QUEUED) {
            return "migrate";
        }
        return switch (r.state() == null ? "started" : r.state()) {
            case "started", "enabled" -> "started";
            default -> "stopped";
        };
    }

    /** The state {@code ha-manager status} shows ({@code PVE::HA::Tools::get_verbose_service_state}). */
    public String verboseState(Resource r) {
        String requested = r.state() == null ? "started" : r.state();
        if ("ignore".equals(disarmMode) && !requested.equals("ignored")) {
            return "ignore"; // Status.pm shows the disarm resource mode instead of the CRM state
        }
        return switch (requested) {
            case "disabled" -> "disabled";
            case "ignored" -> "ignored";
            default -> crmState(r);
        };
    }

    /** Last timestamp the master wrote, null while it writes. */
    public Instant masterFrozen() {
        return masterFrozen;
    }

    /** Last timestamp a node's LRM wrote, null while it writes. */
    public Instant lrmFrozen(String node) {
        return lrmFrozen.get(node);
    }

    /**
     * Brings the CRM view up to date after a change: picks a master, sets node states and
     * freezes or thaws timestamps. {@code crmOk}/{@code lrmOk} tell whether a node's daemon
     * can write its status (powered, running, quorate).
     */
    void update(Instant now, List<String> nodes, Predicate<String> crmOk, Predicate<String> lrmOk,
                BiPredicate<String, String> together, Journal journal, Map<String, Host> hosts,
                java.util.function.Function<Resource, String> nodeOf, java.util.function.ToIntFunction<String> nodeId) {
        if (master == null && resources.isEmpty()) {
            return;
        }
        if (master == null || !crmOk.test(master)) {
            if (master != null && masterFrozen == null) {
                masterFrozen = now;
                if (together.test(master, master) && hosts.get(master).running("pve-ha-crm")) {
                    // CRM.pm: a master that cannot renew its lock (no quorum) gives up its watchdog
                    int pid = hosts.get(master).pid("pve-ha-crm");
                    journal.append(now, master, "pve-ha-crm", "pve-ha-crm", pid,
                            "lost lock 'ha_manager_lock - cfs lock update failed - Permission denied'");
                    journal.append(now, master, "pve-ha-crm", "pve-ha-crm", pid,
                            "status change master => lost_manager_lock");
                    journal.append(now, master, "pve-ha-crm", "pve-ha-crm", pid, "watchdog closed (disabled)");
                    journal.append(now, master, "pve-ha-crm", "pve-ha-crm", pid,
                            "status change lost_manager_lock => wait_for_quorum");
                    masterWaitsForQuorum = true;
                }
            }
            String next = nodes.stream().filter(crmOk).findFirst().orElse(null);
            // another CRM gets ha_manager_lock once it expired, 120 s after the old master
            // renewed it last (at once when the old master stopped its CRM and released it)
            boolean lockFree = master == null || !hosts.get(master).running("pve-ha-crm")
                    || !now.isBefore(crmRound(masterFrozen).plus(MANAGER_LOCK_LIFETIME));
            if (next != null && lockFree) {
                if (master != null) {
                    int pid = hosts.get(next).pid("pve-ha-crm");
                    journal.append(now, next, "pve-ha-crm", "pve-ha-crm", pid,
                            "successfully acquired lock 'ha_manager_lock'");
                    journal.append(now, next, "pve-ha-crm", "pve-ha-crm", pid, "watchdog active");
                    journal.append(now, next, "pve-ha-crm", "pve-ha-crm", pid, "status change slave => master");
                }
                if (master != null && !master.equals(next)) {
                    // a new master has no last_online of its own: the fence delay starts at its takeover
                    for (String n : nodes) {
                        if (!"online".equals(nodeState.get(n))) {
                            lastOnline.put(n, now);
                        }
                    }
                }
                master = next;
                masterFrozen = null;
                masterWaitsForQuorum = false;
            } else if (master == null) {
                return;
            }
        } else {
            if (masterFrozen != null && masterWaitsForQuorum) {
                int pid = hosts.get(master).pid("pve-ha-crm");
                journal.append(now, master, "pve-ha-crm", "pve-ha-crm", pid,
                        "successfully acquired lock 'ha_manager_lock'");
                journal.append(now, master, "pve-ha-crm", "pve-ha-crm", pid, "watchdog active");
                journal.append(now, master, "pve-ha-crm", "pve-ha-crm", pid,
                        "status change wait_for_quorum => master");
            }
            masterWaitsForQuorum = false;
            masterFrozen = null;
        }
        for (String node : nodes) {
            if (lrmOk.test(node)) {
                lrmFrozen.remove(node);
                if (!"fence".equals(nodeState.get(node))) {
                    agentLock.remove(node);
                }
            } else if (lrmFrozen.putIfAbsent(node, now) == null && !agentLock.containsKey(node)
                    && holdsAgentLock(node, nodeOf)) {
                agentLock.put(node, lrmRound(now, nodeId.applyAsInt(node)));
            }
            if (masterFrozen != null) {
                continue;
            }
            String state = together.test(master, node) ? "online" : "unknown";
            String old = nodeState.get(node);
            if ("fence".equals(old)) {
                continue; // NodeStatus.pm: a node to fence keeps that state until the CRM got its lock
            }
            if ("maintenance".equals(old) && (state.equals("online") || lrmMaintenance.contains(node))) {
                continue; // left by the CRM round once the LRM is out of maintenance mode
            }
            nodeState.put(node, state);
            if (("online".equals(old) || "maintenance".equals(old)) && state.equals("unknown")) {
                lastOnline.put(node, crmRound(now));
            } else if (state.equals("online")) {
                lastOnline.remove(node);
            }
            if (old != null && !old.equals(state)) {
                journal.append(now, master, "pve-ha-crm", "pve-ha-crm", hosts.get(master).pid("pve-ha-crm"),
                        "node '" + node + "': state changed from '" + old + "' => '" + state + "'");
            }
        }
    }

    /** pmxcfs lock lifetime ({@code Env/PVE2.pm $retry_timeout}). */
    private static final java.time.Duration MANAGER_LOCK_LIFETIME = java.time.Duration.ofSeconds(120);

    /** An LRM holds its agent lock while services it must run are on its node (it is {@code active}). */
    private boolean holdsAgentLock(String node, java.util.function.Function<Resource, String> nodeOf) {
        if (lrmReleased.contains(node)) {
            return false;
        }
        for (Resource r : resources.values()) {
            String requested = r.state() == null ? "started" : r.state();
            if (!requested.equals("ignored") && !requested.equals("disabled") && node.equals(nodeOf.apply(r))
                    && !crmState(r).equals("error") && !crmState(r).equals("freeze")) {
                return true;
            }
        }
        return false;
    }

    /** The last CRM round (model seconds ending in 7) at or before {@code t}. */
    public static Instant crmRound(Instant t) {
        long s = t.getEpochSecond();
        return Instant.ofEpochSecond(s - Math.floorMod(s - 7, 10));
    }

    /** The last LRM round of the node with this corosync id at or before {@code t}. */
    public static Instant lrmRound(Instant t, int nodeId) {
        long s = t.getEpochSecond();
        int offset = (nodeId * 3) % 10;
        return Instant.ofEpochSecond(s - Math.floorMod(s - offset, 10));
    }
}
