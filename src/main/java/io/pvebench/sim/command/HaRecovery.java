package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.Crs;
import io.pvebench.sim.model.HaState;
import io.pvebench.sim.model.Task;
import io.pvebench.sim.model.VmConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fencing, recovery and the start-error policy of the master CRM (pve-ha-manager
 * {@code Manager.pm} {@code manage}, {@code next_state_started}, {@code next_state_stopped},
 * {@code next_state_recovery}; {@code NodeStatus.pm} {@code node_is_offline_delayed} and
 * {@code fence_node}; {@code Env/PVE2.pm} {@code get_pve_lock}) and the LRM's start of a
 * recovered service ({@code LRM.pm} {@code exec_resource_agent},
 * {@code handle_service_exitcode}).
 *
 * <p>A round, repeated while some state changed (as {@code manage}'s {@code $repeat}):
 * <ol>
 *   <li>a {@code started} (or requested-{@code stopped}) service whose node is not
 *       {@code online} and was last seen online by the CRM at least 60 s ago
 *       ({@code $fence_delay}) goes {@code fence};</li>
 *   <li>for each node with services in {@code fence}: the node goes {@code fence}; the CRM
 *       tries the node's agent lock, which it gets once 120 s passed since the node's LRM
 *       last renewed it (the pmxcfs lock lifetime): {@code successfully acquired lock
 *       'ha_agent_<n>_lock'}, {@code fencing: acknowledged - got agent lock for node '<n>'},
 *       node {@code fence => unknown}, its services {@code fence => recovery};</li>
 *   <li>{@code recovery}: the best-scored allowed online node ({@code select_service_node}
 *       with {@code best-score}: rules or groups, negative resource affinity, memory that
 *       fits, then fewest HA services (basic) or lowest load (static/dynamic), ties by
 *       name): {@code recover service '<sid>' from fenced node '<f>' to node '<n>'}, the
 *       config moves ({@code steal_service}) and the service goes {@code started (node =
 *       <n>)}; none: {@code recovering service '<sid>' from fenced node '<f>' failed, no
 *       recovery node found} every round, the service stays in {@code recovery};</li>
 *   <li>an LRM start that failed after {@code max_restart} retries (default 1): the node
 *       joins {@code failed_nodes}; up to {@code max_relocate} (default 1) the CRM relocates
 *       ({@code try-next}), beyond it the service goes {@code error}.</li>
 * </ol>
 *
 * <p>The LRM of the new node starts the VM at its next round: {@code starting service
 * <sid>}, a {@code qmstart} task (first line {@code task started by HA resource agent}),
 * {@code service status <sid> started}. A VM whose disks are on the failed node's
 * {@code local-lvm} cannot start elsewhere: the task ends {@code TASK ERROR: no such
 * logical volume pve/vm-<id>-disk-0}, the LRM logs {@code unable to start service <sid>},
 * {@code restart policy: retry number 1 for service '<sid>'}, then {@code unable to start
 * service <sid> on local node after 1 retries}, and the CRM's start-error policy ends in
 * {@code error}. Simplified: a relocation of such a stopped VM is not run as a
 * {@code qmigrate} task; the twin settles it as failed one round later (the disk is not on
 * the source either).
 */
final class HaRecovery {

    /** {@code NodeStatus.pm $fence_delay}. */
    static final Duration FENCE_DELAY = Duration.ofSeconds(60);
    /** {@code Env/PVE2.pm $retry_timeout}: the pmxcfs lock lifetime. */
    static final Duration LOCK_LIFETIME = Duration.ofSeconds(120);

    /** Where a started service may go, as {@link HaCrm#targets}. */
    @FunctionalInterface
    interface Targets {
        List<String> of(HaState ha, String sid, String current, Set<String> online);
    }

    private HaRecovery() {
    }

    static void manage(ClusterModel model, HaState ha, String master, Crs.Settings crs, Targets targets,
                       Set<String> only) {
        Instant now = model.clock().now();
        for (int pass = 0; pass < 8; pass++) {
            boolean repeat = false;
            for (HaState.Resource r : List.copyOf(ha.resources().values())) {
                if (model.vm(r.vmid()).isEmpty() || only != null && !only.contains(r.sid())) {
                    continue;
                }
                String requested = r.state() == null ? "started" : r.state();
                if (requested.equals("ignored")) {
                    continue;
                }
                String sid = r.sid();
                String node = model.nodeOf(r.vmid());
                String state = ha.crmState(r);
                switch (state) {
                    case "recovery" -> repeat |= recover(model, ha, master, crs, targets, r, node);
                    case "migrate" -> {
                        String target = ha.relocations().remove(sid);
                        if (target != null) {
                            // the relocation of a VM whose disks are not on its node fails
                            model.log(node, "pve-ha-lrm", "pve-ha-lrm", "service " + sid
                                    + " not moved (migration error)");
                            log(model, master, "service '" + sid + "' - migration failed (exit code 1)");
                            ha.serviceStates().remove(sid);
                            log(model, master, "service '" + sid + "': state changed from 'migrate' to 'started'  "
                                    + "(node = " + node + ")");
                            ha.needsStart().add(sid);
                            repeat = true;
                        }
                    }
                    case "started", "stopped" -> {
                        if (ha.motions().containsKey(sid)) {
                            break;
                        }
                        if (state.equals("started") && ha.startFailed().remove(sid)) {
                            startError(model, ha, master, crs, targets, r, node);
                            repeat = true;
                            break;
                        }
                        if (requested.equals("disabled")
                                || state.equals("stopped") && "maintenance".equals(ha.nodeStates().get(node))) {
                            break;
                        }
                        if (offlineDelayed(model, ha, master, node, now)) {
                            ha.serviceStates().put(sid, "fence");
                            ha.needsStart().remove(sid);
                            log(model, master, "service '" + sid + "': state changed from '" + state + "' to 'fence'");
                            repeat = true;
                        }
                    }
                    default -> {
                        // fence: handled below; error: stays until an admin acts
                    }
                }
            }
            Map<String, Boolean> fenced = new TreeMap<>();
            for (HaState.Resource r : List.copyOf(ha.resources().values())) {
                if (!ha.crmState(r).equals("fence") || model.vm(r.vmid()).isEmpty()
                        || only != null && !only.contains(r.sid())) {
                    continue;
                }
                String node = model.nodeOf(r.vmid());
                if (fenced.computeIfAbsent(node, n -> fenceNode(model, ha, master, n, now))) {
                    ha.serviceStates().put(r.sid(), "recovery");
                    log(model, master, "service '" + r.sid() + "': state changed from 'fence' to 'recovery'");
                    repeat = true;
                }
            }
            if (!repeat) {
                return;
            }
        }
    }

    /** {@code node_is_offline_delayed}: not online and last seen online at least the fence delay ago. */
    private static boolean offlineDelayed(ClusterModel model, HaState ha, String master, String node, Instant now) {
        if ("online".equals(ha.nodeStates().get(node))) {
            return false;
        }
        if (model.online(node) && model.online(master, node)) {
            ha.lastOnline().put(node, now); // a member (in maintenance) is seen online every round
            return false;
        }
        Instant last = ha.lastOnline().get(node);
        if (last == null) {
            ha.lastOnline().put(node, now);
            return false;
        }
        return Duration.between(last, now).compareTo(FENCE_DELAY) >= 0;
    }

    /** {@code fence_node}: true once the CRM holds the node's agent lock. */
    private static boolean fenceNode(ClusterModel model, HaState ha, String master, String node, Instant now) {
        String old = ha.nodeStates().getOrDefault(node, "unknown");
        if (!old.equals("fence")) {
            ha.nodeStates().put(node, "fence");
            log(model, master, "node '" + node + "': state changed from '" + old + "' => 'fence'");
        }
        Instant renewed = ha.agentLock().get(node);
        if (renewed != null && Duration.between(renewed, now).compareTo(LOCK_LIFETIME) < 0) {
            return false;
        }
        if (renewed == null && model.haLrmWrites(node)) {
            return false; // the node's own LRM holds its lock again
        }
        log(model, master, "successfully acquired lock 'ha_agent_" + node + "_lock'");
        log(model, master, "fencing: acknowledged - got agent lock for node '" + node + "'");
        ha.nodeStates().put(node, "unknown");
        log(model, master, "node '" + node + "': state changed from 'fence' => 'unknown'");
        ha.agentLock().remove(node);
        return true;
    }

    /** {@code next_state_recovery}. */
    private static boolean recover(ClusterModel model, HaState ha, String master, Crs.Settings crs, Targets targets,
                                   HaState.Resource r, String fencedNode) {
        String sid = r.sid();
        Optional<String> target = bestNode(model, ha, crs, targets, r, fencedNode, List.of());
        if (target.isEmpty()) {
            log(model, master, "recovering service '" + sid + "' from fenced node '" + fencedNode
                    + "' failed, no recovery node found");
            return false;
        }
        String to = target.get();
        log(model, master, "recover service '" + sid + "' from fenced node '" + fencedNode + "' to node '" + to + "'");
        int vmid = r.vmid();
        model.stopVm(vmid); // it died with its node
        if (localDisk(model, vmid).isPresent()) {
            ha.diskHome().putIfAbsent(vmid, fencedNode);
        }
        model.moveVm(vmid, to); // steal_service: the config moves to /etc/pve/nodes/<to>/qemu-server
        ha.serviceStates().remove(sid);
        boolean started = !"stopped".equals(r.state());
        log(model, master, "service '" + sid + "': state changed from 'recovery' to '"
                + (started ? "started" : "request_stop") + "'  (node = " + to + ")");
        if (started) {
            ha.needsStart().add(sid);
        } else {
            log(model, master, "service '" + sid + "': state changed from 'request_stop' to 'stopped'");
        }
        return true;
    }

    /** {@code next_state_started} with an {@code ERROR} result from the LRM. */
    private static void startError(ClusterModel model, HaState ha, String master, Crs.Settings crs, Targets targets,
                                   HaState.Resource r, String node) {
        String sid = r.sid();
        List<String> failed = ha.failedNodes().computeIfAbsent(sid, k -> new ArrayList<>());
        failed.add(node);
        int maxRelocate = r.maxRelocate() == null ? 1 : r.maxRelocate();
        if (failed.size() > maxRelocate) {
            log(model, master, "recovery policy for service " + sid + " failed, entering error state. Failed nodes: "
                    + String.join(", ", failed));
            ha.serviceStates().put(sid, "error");
            log(model, master, "service '" + sid + "': state changed from 'started' to 'error'");
            return;
        }
        log(model, master, "starting service " + sid + " on node '" + node + "' failed, relocating service.");
        Optional<String> next = bestNode(model, ha, crs, targets, r, node, failed);
        if (next.isPresent()) {
            log(model, master, "migrate service '" + sid + "' to node '" + next.get() + "' (running)");
            ha.serviceStates().put(sid, "migrate");
            ha.relocations().put(sid, next.get());
            log(model, master, "service '" + sid + "': state changed from 'started' to 'migrate'  (node = " + node
                    + ", target = " + next.get() + ")");
        } else {
            log(model, master, "Start Error Recovery: Tried all available nodes for service '" + sid
                    + "', retry start on current node. Tried nodes: " + String.join(", ", failed));
            ha.needsStart().add(sid);
        }
    }

    /**
     * {@code select_service_node} for a service that is not running: the allowed online
     * nodes without {@code exclude}, whose free memory fits the VM, the best-scored first.
     */
    static Optional<String> bestNode(ClusterModel model, HaState ha, Crs.Settings crs, Targets targets,
                                             HaState.Resource r, String current, List<String> exclude) {
        Set<String> online = new TreeSet<>();
        for (Map.Entry<String, String> e : ha.nodeStates().entrySet()) {
            if (e.getValue().equals("online") && model.online(e.getKey())) {
                online.add(e.getKey());
            }
        }
        List<String> candidates = new ArrayList<>(targets.of(ha, r.sid(), current, online));
        candidates.removeAll(exclude);
        long mem = model.vm(r.vmid()).map(v -> v.memoryBytes()).orElse(0L);
        candidates.removeIf(n -> freeMemory(model, n) < mem);
        boolean basic = crs.mode().equals("basic");
        boolean dynamic = crs.mode().equals("dynamic");
        String best = null;
        double bestScore = Double.MAX_VALUE;
        for (String n : candidates) { // sorted by name: the first of equal scores wins
            double score;
            if (basic) {
                score = ha.resources().values().stream()
                        .filter(o -> !o.sid().equals(r.sid()) && n.equals(model.nodeOf(o.vmid()))
                                && !ha.crmState(o).equals("stopped") && !ha.crmState(o).equals("error"))
                        .count();
            } else {
                Crs.NodeUsage u = model.crsNodeUsage(n, dynamic);
                Crs.GuestUsage g = model.crsGuestUsage(r.vmid(), dynamic);
                score = new Crs.NodeUsage(u.cpu() + g.cpu(), u.maxcpu(), u.mem() + g.mem(), u.maxmem()).load();
            }
            if (score < bestScore) {
                bestScore = score;
                best = n;
            }
        }
        return Optional.ofNullable(best);
    }

    private static long freeMemory(ClusterModel model, String node) {
        long used = 0;
        for (var vm : model.vmsOn(node)) {
            if (model.running(vm.vmid())) {
                used += vm.memoryBytes();
            }
        }
        return model.node(node).memoryBytes() - used;
    }

    /** The first disk of the VM on a node-local storage, if any. */
    private static Optional<VmConfig.Disk> localDisk(ClusterModel model, int vmid) {
        return model.config(vmid).flatMap(c -> c.disks().stream()
                .filter(d -> d.storage().equals("local-lvm") || d.storage().equals("local")).findFirst());
    }

    /**
     * The LRM of {@code node} starts a recovered service at its next round and retries per
     * {@code max_restart}; {@code done} runs when it gave up or succeeded.
     */
    static Thread startLrm(ClusterModel model, String sid, String node, Runnable done) {
        int vmid = Integer.parseInt(sid.substring(sid.indexOf(':') + 1));
        Thread lrm = new Thread(() -> {
            try {
                int tries = 0;
                while (true) {
                    model.clock().sleep(HaMigration.untilNextLrmRound(model, node));
                    boolean go = model.ha(ha -> ha.needsStart().contains(sid) && ha.resources().containsKey(sid)
                            && node.equals(model.nodeOf(vmid)) && model.haLrmWrites(node));
                    if (!go) {
                        return;
                    }
                    if (model.running(vmid)) {
                        model.ha(ha -> ha.needsStart().remove(sid));
                        return;
                    }
                    model.log(node, "pve-ha-lrm", "pve-ha-lrm", "starting service " + sid);
                    Task task = model.tasks().spawn(node, "qmstart", Integer.toString(vmid), "root@pam", t -> {
                        t.log("task started by HA resource agent");
                        String home = model.ha(ha -> ha.diskHome().get(vmid));
                        Optional<VmConfig.Disk> disk = localDisk(model, vmid);
                        if (disk.isPresent() && home != null && !home.equals(node)) {
                            throw new IllegalStateException("no such logical volume pve/" + disk.get().volname());
                        }
                        model.clock().sleep(Duration.ofMillis(1_200
                                + model.randoms().next("ha/start/" + vmid).nextInt(1_800)));
                        if (!model.running(vmid)) {
                            model.startVm(vmid);
                        }
                    });
                    String upid = task.upid().text();
                    model.log(node, "pve-ha-lrm", "pve-ha-lrm", "<root@pam> starting task " + upid);
                    while (!task.awaitEnd(Duration.ofSeconds(5))) {
                        model.log(node, "pve-ha-lrm", "pve-ha-lrm", "Task '" + upid + "' still active, waiting");
                    }
                    model.log(node, "pve-ha-lrm", "pve-ha-lrm", "<root@pam> end task " + upid + " "
                            + task.exitStatus().orElse("unexpected status"));
                    if (model.running(vmid)) {
                        model.log(node, "pve-ha-lrm", "pve-ha-lrm", "service status " + sid + " started");
                        model.ha(ha -> ha.needsStart().remove(sid));
                        return;
                    }
                    model.log(node, "pve-ha-lrm", "pve-ha-lrm", "unable to start service " + sid);
                    Integer configured = model.ha(ha -> {
                        HaState.Resource r = ha.resources().get(sid);
                        return r == null ? null : r.maxRestart();
                    });
                    int maxRestart = configured == null ? 1 : configured;
                    if (tries >= maxRestart) {
                        model.log(node, "pve-ha-lrm", "pve-ha-lrm", "unable to start service " + sid
                                + " on local node after " + tries + " retries");
                        model.ha(ha -> {
                            ha.needsStart().remove(sid);
                            ha.startFailed().add(sid);
                            return null;
                        });
                        return;
                    }
                    tries++;
                    model.log(node, "pve-ha-lrm", "pve-ha-lrm", "restart policy: retry number " + tries
                            + " for service '" + sid + "'");
                }
            } catch (InterruptedException e) {
                // the twin closed
            } finally {
                done.run();
            }
        }, "sim-ha-lrm-start-" + vmid);
        lrm.setDaemon(true);
        lrm.start();
        return lrm;
    }

    private static void log(ClusterModel model, String master, String message) {
        model.log(master, "pve-ha-crm", "pve-ha-crm", message);
    }
}
