package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.Crs;
import io.pvebench.sim.model.HaState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The master CRM's work loop (pve-ha-manager {@code Manager.pm manage}), one round every
 * 10 s of model time while HA is active and the master writes its status. A round, in the
 * order of {@code manage}:
 * <ol>
 *   <li>{@code update_crs_scheduler_mode}: {@code using scheduler mode '<m>'} on a master's
 *       first round (non-basic only), {@code switching scheduler mode from '<a>' to '<b>'}
 *       after a change of {@code crs: ha=...};</li>
 *   <li>{@code update_crm_commands}: queued {@code ha-manager migrate} commands
 *       ({@code got crm command: migrate vm:ID node});</li>
 *   <li>{@code load_balance} (9.2 only): automatic rebalancing as {@link Crs} computes it;</li>
 *   <li>the service state machine: a queued migration goes to {@code migrate} and to the
 *       source's LRM ({@link HaMigration}); a finished one back to {@code started};</li>
 *   <li>node maintenance ({@code crm-command node-maintenance}): guests leave a node in
 *       {@code maintenance} and come back to their {@code maintenance_node};</li>
 *   <li>9.2 disarm ({@code crm-command disarm-ha|arm-ha}): {@code handle_disarm} freezes or
 *       ignores the services and skips the rest of the round once nothing is in flight;</li>
 *   <li>fencing, recovery and the start-error policy ({@link HaRecovery}).</li>
 * </ol>
 * Between rounds the loop ticks every model second for the LRMs: their maintenance and
 * disarm modes at each node's LRM round, and the watchdog of an LRM that lost quorum while
 * it held its agent lock (watchdog-mux warns after 50 s, expires after 60 s, the softdog
 * resets the node 10 s later; the node boots after the spec's boot time).
 * The loop runs on one daemon thread that sleeps in model time ({@link
 * io.pvebench.sim.model.ModelClock#sleep}); {@link #close} (from {@code SimCluster.close})
 * interrupts it and the LRM threads it started. Rounds fall on model seconds ending in 7,
 * where the master's status timestamps fall ({@link ClusterModel#haTimestamp}), so the
 * decisions depend on model time, not on thread timing. {@code topsis} is not simulated: the round balances with {@code bruteforce} and
 * notes that once in the CRM journal.
 *
 * <p>Candidates follow node-affinity rules (highest-priority online nodes) and negative
 * resource affinity; services in positive resource affinity move as one bundle (their
 * usage summed), as do manual migrations of such a service. 8.x groups count for recovery
 * and maintenance targets. Not modelled: containers (relocate), failback to a preferred
 * node that comes back, shutdown policies.
 */
public final class HaCrm implements AutoCloseable {

    /** The CRM loop's period ({@code Manager.pm}/{@code CRM.pm}: about 10 s). */
    public static final Duration ROUND = Duration.ofSeconds(10);
    private static final int ROUND_OFFSET_SECONDS = 7;

    private final ClusterModel model;
    private final Thread thread;
    private final List<Thread> lrms = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private HaCrm(ClusterModel model) {
        this.model = model;
        this.thread = new Thread(this::loop, "sim-ha-crm");
        this.thread.setDaemon(true);
    }

    /** Starts the loop on a daemon thread; {@link #close} stops it. */
    public static HaCrm start(ClusterModel model) {
        HaCrm crm = new HaCrm(model);
        model.onCrash(crm::crashed);
        crm.thread.start();
        return crm;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        lrms.forEach(Thread::interrupt);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first round instant strictly after {@code now}. */
    static Instant nextRound(Instant now) {
        long period = ROUND.toMillis();
        long offset = ROUND_OFFSET_SECONDS * 1000L;
        long ms = now.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(ms - offset, period) * period + offset + period);
    }

    private void loop() {
        Instant next = nextRound(model.clock().now());
        while (!closed) {
            Instant now = model.clock().now();
            // the LRMs' rounds and watchdogs need a tick per model second only while HA is active
            Instant tick = Instant.ofEpochSecond(now.getEpochSecond() + 1);
            Instant wake = tick.isBefore(next) && model.haActive() ? tick : next;
            try {
                Duration wait = Duration.between(now, wake);
                if (!wait.isNegative()) {
                    model.clock().sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            try {
                watchdogs();
                startPending();
            } catch (RuntimeException e) {
                // checked again at the next tick
            }
            if (model.clock().now().isBefore(next)) {
                continue;
            }
            try {
                round();
            } catch (RuntimeException e) {
                // a round that meets a half-changed model (a VM destroyed meanwhile) tries again next time
            }
            next = next.plus(ROUND);
            now = model.clock().now();
            if (next.isBefore(now)) {
                next = nextRound(now); // rounds missed under load are skipped, not caught up
            }
        }
    }

    /** One CRM round; package-visible for tests. */
    void round() {
        if (!model.haActive()) {
            return; // no CRM master: a twin without HA is left alone
        }
        List<String[]> toLrm = new ArrayList<>();
        model.ha(ha -> {
            if (!ha.active() || ha.masterFrozen() != null || ha.master() == null) {
                return null;
            }
            String master = ha.master();
            Crs.Settings crs = Crs.Settings.parse(model.datacenterOptions().get("crs"));
            updateSchedulerMode(ha, master, crs);
            nodeCommands(ha, master);
            readCommands(ha, master);
            maintenanceNodeStates(ha, master);
            Set<String> deferred = null;
            if (ha.disarmMode() != null) {
                deferred = handleDisarm(ha, master);
                if (deferred == null) {
                    crmWatchdog(ha, master);
                    return null; // disarmed: no service state machine, nothing fenced or recovered
                }
            } else if (model.profile().release().equals("9.2")) {
                loadBalance(ha, master, crs);
            }
            for (Map.Entry<String, HaState.Motion> e : new ArrayList<>(ha.motions().entrySet())) {
                String sid = e.getKey();
                HaState.Motion m = e.getValue();
                HaState.Resource r = ha.resources().get(sid);
                if (r == null || model.vm(r.vmid()).isEmpty()) {
                    ha.motions().remove(sid);
                    continue;
                }
                switch (m.phase()) {
                    case QUEUED -> {
                        log(master, "migrate service '" + sid + "' to node '" + m.target() + "'");
                        log(master, "service '" + sid + "': state changed from 'started' to 'migrate'  (node = "
                                + m.source() + ", target = " + m.target() + ")");
                        ha.motions().put(sid, m.to(HaState.Phase.MIGRATE, false));
                        toLrm.add(new String[] {sid, m.source(), m.target()});
                    }
                    case DONE -> {
                        if (!m.ok()) {
                            log(master, "service '" + sid + "' - migration failed (exit code 1)");
                        }
                        ha.motions().remove(sid);
                        log(master, "service '" + sid + "': state changed from 'migrate' to 'started'  (node = "
                                + (m.ok() ? m.target() : m.source()) + ")");
                    }
                    default -> {
                        // the LRM is migrating
                    }
                }
            }
            if (deferred == null) {
                maintenance(ha, master, crs, toLrm);
                unfreeze(ha, master);
            }
            HaRecovery.manage(model, ha, master, crs, this::targets, deferred);
            crmWatchdog(ha, master);
            return null;
        });
        lrms.removeIf(t -> !t.isAlive());
        for (String[] m : toLrm) {
            if (!closed) {
                lrms.add(HaMigration.startLrm(model, m[0], m[1], m[2]));
            }
        }
        startPending();
    }

    /** Hands services waiting for a start to the LRM of their node once it works (quorate, running). */
    private void startPending() {
        List<String> toStart = model.ha(ha -> List.copyOf(ha.needsStart()));
        for (String sid : toStart) {
            int vmid = Integer.parseInt(sid.substring(sid.indexOf(':') + 1));
            String node = model.nodeOf(vmid);
            if (!closed && node != null && model.haLrmWrites(node) && starting.add(sid)) {
                lrms.add(HaRecovery.startLrm(model, sid, node, () -> starting.remove(sid)));
            }
        }
    }

    private final java.util.Set<String> starting = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** {@code update_crm_commands} for node requests: {@code enable|disable-node-maintenance <node>}. */
    private void nodeCommands(HaState ha, String master) {
        for (String cmd : List.copyOf(ha.crmCommands())) {
            ha.crmCommands().remove(cmd);
            String[] w = cmd.split(" ");
            String node = w.length > 1 ? w[1] : "";
            String state = ha.nodeStates().getOrDefault(node, "unknown");
            switch (w[0]) {
                case "enable-node-maintenance" -> {
                    if (ha.disarmMode() != null) {
                        log(master, "ignoring maintenance command for node " + node + " - HA stack is disarmed");
                    } else if (state.equals("online")) {
                        ha.maintenanceRequests().add(node);
                    } else if (state.equals("maintenance")) {
                        log(master, "ignoring crm command - node " + node + " is already in maintenance state");
                    } else {
                        log(master, "crm command error - node not online: " + cmd);
                    }
                }
                case "disable-node-maintenance" -> {
                    if (!state.equals("maintenance")) {
                        log(master, "clearing maintenance of node " + node + " requested, but it's in state "
                                + state);
                    }
                    ha.maintenanceRequests().remove(node);
                }
                case "disarm-ha" -> {
                    if (ha.disarmMode() != null) {
                        log(master, "ignoring disarm-ha command - already in disarm state (" + ha.disarmState()
                                + ")");
                    } else {
                        log(master, "got crm command: " + cmd);
                        if (node.equals("ignore")) {
                            for (String sid : ha.resources().keySet()) {
                                log(master, "disarm: suspending HA tracking for service '" + sid + "'");
                            }
                        }
                        ha.setDisarm(node, "disarming");
                    }
                }
                case "arm-ha" -> {
                    if (ha.disarmMode() != null) {
                        log(master, "got crm command: arm-ha");
                        ha.setDisarm(null, null);
                    } else {
                        log(master, "ignoring arm-ha command - HA stack is not disarmed");
                    }
                }
                default -> log(master, "unable to parse crm command: " + cmd);
            }
        }
    }

    /** {@code NodeStatus.pm update}: a member whose LRM runs in maintenance mode is {@code maintenance}, and back. */
    private void maintenanceNodeStates(HaState ha, String master) {
        for (Map.Entry<String, String> e : ha.nodeStates().entrySet()) {
            String node = e.getKey();
            boolean member = model.online(node) && model.online(master, node);
            boolean lrmMaintenance = ha.lrmMaintenance().contains(node);
            String next = null;
            if (member && e.getValue().equals("online") && lrmMaintenance) {
                next = "maintenance";
            } else if (member && e.getValue().equals("maintenance") && !lrmMaintenance) {
                next = "online";
            }
            if (next != null) {
                log(master, "node '" + node + "': state changed from '" + e.getValue() + "' => '" + next + "'");
                e.setValue(next);
            }
        }
    }

    /**
     * {@code next_state_started} around maintenance: a running service on a node in
     * maintenance migrates to the best-scored allowed online node and remembers its node as
     * {@code maintenance_node}; once that node is online again the service moves back.
     */
    private void maintenance(HaState ha, String master, Crs.Settings crs, List<String[]> toLrm) {
        for (HaState.Resource r : List.copyOf(ha.resources().values())) {
            String sid = r.sid();
            if (!r.sid().startsWith("vm:") || model.vm(r.vmid()).isEmpty() || ha.motions().containsKey(sid)
                    || !ha.crmState(r).equals("started") || !model.running(r.vmid())
                    || "stopped".equals(r.state()) || "disabled".equals(r.state()) || "ignored".equals(r.state())) {
                continue;
            }
            String node = model.nodeOf(r.vmid());
            String nodeState = ha.nodeStates().get(node);
            String target = null;
            if ("maintenance".equals(nodeState)) {
                ha.maintenanceNode().put(sid, node);
                target = HaRecovery.bestNode(model, ha, crs, this::targets, r, node, List.of()).orElse(null);
            } else if ("online".equals(nodeState)) {
                String fallback = ha.maintenanceNode().get(sid);
                if (fallback == null) {
                    continue;
                }
                if (fallback.equals(node)) {
                    log(master, "service '" + sid + "': clearing stale maintenance node '" + fallback
                            + "' setting (is current node)");
                    ha.maintenanceNode().remove(sid);
                    continue;
                }
                if (!"online".equals(ha.nodeStates().get(fallback))) {
                    continue;
                }
                Set<String> online = new java.util.TreeSet<>();
                ha.nodeStates().forEach((n, st) -> {
                    if (st.equals("online") && model.online(n)) {
                        online.add(n);
                    }
                });
                if (!targets(ha, sid, node, online).contains(fallback)) {
                    continue;
                }
                log(master, "moving service '" + sid + "' back to '" + fallback
                        + "', node came back from maintenance.");
                ha.maintenanceNode().remove(sid);
                target = fallback;
            }
            if (target == null) {
                continue;
            }
            log(master, "migrate service '" + sid + "' to node '" + target + "' (running)");
            log(master, "service '" + sid + "': state changed from 'started' to 'migrate'  (node = " + node
                    + ", target = " + target + ")");
            ha.motions().put(sid, new HaState.Motion(node, target, HaState.Phase.MIGRATE, false));
            toLrm.add(new String[] {sid, node, target});
        }
    }

    private final Map<String, Instant> lastLrmRound = new java.util.HashMap<>();

    /**
     * The LRM's round ({@code LRM.pm do_one_iteration}) as far as maintenance goes: the mode
     * follows the manager status' request; an active LRM goes {@code active => maintenance},
     * closes its watchdog once no service is left on the node ({@code watchdog closed
     * (disabled)}) and comes back {@code maintenance => active} when the request is gone.
     */
    private void lrmRounds(HaState ha) {
        Instant now = model.clock().now();
        for (var info : model.nodes()) {
            String node = info.name();
            Instant round = HaState.lrmRound(now, info.nodeId());
            Instant last = lastLrmRound.put(node, round);
            if (round.equals(last) || !model.haLrmWrites(node)) {
                continue;
            }
            boolean requested = ha.maintenanceRequests().contains(node);
            boolean inState = ha.lrmInMaintenanceState().contains(node);
            boolean active = ha.resources().values().stream().anyMatch(r -> node.equals(model.nodeOf(r.vmid()))
                    && !"stopped".equals(r.state()) && !"disabled".equals(r.state())
                    && !"ignored".equals(r.state()) && !ha.crmState(r).equals("error"));
            boolean moving = ha.motions().values().stream().anyMatch(m -> m.source().equals(node)
                    && m.phase() != HaState.Phase.QUEUED);
            boolean disarm = !requested && ha.disarmMode() != null;
            boolean wasDisarm = ha.lrmDisarm().contains(node);
            if (disarm) {
                ha.lrmDisarm().add(node);
                if (!ha.lrmReleased().contains(node) && active && !moving && !inState) {
                    model.log(node, "pve-ha-lrm", "pve-ha-lrm", "HA disarm requested, releasing agent lock and watchdog");
                    model.log(node, "pve-ha-lrm", "pve-ha-lrm", "watchdog closed (disabled)");
                    model.log(node, "pve-ha-lrm", "pve-ha-lrm", "status change active => wait_for_agent_lock");
                    ha.lrmReleased().add(node);
                    ha.agentLock().remove(node);
                }
                continue;
            }
            ha.lrmDisarm().remove(node);
            if (ha.lrmReleased().contains(node)) {
                boolean thawed = ha.resources().values().stream().anyMatch(r -> node.equals(model.nodeOf(r.vmid()))
                        && ha.crmState(r).equals("started"));
                if (thawed || !wasDisarm && !active) {
                    ha.lrmReleased().remove(node);
                    if (thawed) {
                        model.log(node, "pve-ha-lrm", "pve-ha-lrm", "successfully acquired lock 'ha_agent_" + node
                                + "_lock'");
                        model.log(node, "pve-ha-lrm", "pve-ha-lrm", "watchdog active");
                        model.log(node, "pve-ha-lrm", "pve-ha-lrm", "status change wait_for_agent_lock => active");
                    }
                }
            }
            if (requested) {
                ha.lrmMaintenance().add(node);
                if (!inState && active) {
                    model.log(node, "pve-ha-lrm", "pve-ha-lrm", "status change active => maintenance");
                    ha.lrmInMaintenanceState().add(node);
                    ha.watchdogOpen().add(node);
                } else if (inState && !active && !moving && ha.watchdogOpen().remove(node)) {
                    model.log(node, "pve-ha-lrm", "pve-ha-lrm", "watchdog closed (disabled)");
                }
            } else if (ha.lrmMaintenance().remove(node) && inState) {
                ha.lrmInMaintenanceState().remove(node);
                if (!ha.watchdogOpen().remove(node)) {
                    // the lock was released with the watchdog: get_protected_ha_agent_lock takes both again
                    model.log(node, "pve-ha-lrm", "pve-ha-lrm", "successfully acquired lock 'ha_agent_" + node
                            + "_lock'");
                    model.log(node, "pve-ha-lrm", "pve-ha-lrm", "watchdog active");
                }
                model.log(node, "pve-ha-lrm", "pve-ha-lrm", "status change maintenance => active");
            }
        }
    }

    /**
     * {@code handle_disarm}: services in {@code fence}, {@code recovery} or {@code migrate}
     * defer the disarm (returned, the round goes on with only them); otherwise services are
     * frozen (mode {@code freeze}) or left untracked (mode {@code ignore}) and, once every
     * online node's LRM runs in mode {@code disarm}, the stack is fully disarmed; returns null.
     */
    private Set<String> handleDisarm(HaState ha, String master) {
        Set<String> deferred = new java.util.TreeSet<>();
        for (HaState.Resource r : ha.resources().values()) {
            String state = ha.crmState(r);
            if (state.equals("fence") || state.equals("recovery")) {
                log(master, "deferring disarm - service '" + r.sid() + "' is in '" + state + "' state");
                deferred.add(r.sid());
            } else if (state.equals("migrate")) {
                log(master, "deferring disarm - service '" + r.sid() + "' is in '" + state + "' state");
                deferred.add(r.sid());
            }
        }
        if (!deferred.isEmpty()) {
            return deferred;
        }
        for (HaState.Resource r : ha.resources().values()) {
            ha.failedNodes().remove(r.sid());
            if ("ignored".equals(r.state()) || !ha.disarmMode().equals("freeze")) {
                continue;
            }
            String state = ha.crmState(r);
            if (state.equals("started") || state.equals("stopped")) {
                log(master, "disarm: freezing service '" + r.sid() + "' (was '" + state + "')");
                ha.serviceStates().put(r.sid(), "freeze");
            }
        }
        boolean all = ha.nodeStates().entrySet().stream().filter(e -> e.getValue().equals("online"))
                .allMatch(e -> ha.lrmDisarm().contains(e.getKey()));
        if (all && !"disarmed".equals(ha.disarmState())) {
            log(master, "all LRMs disarmed, HA stack is now fully disarmed");
            ha.setDisarm(ha.disarmMode(), "disarmed");
        }
        return null;
    }

    /** CRM.pm after {@code manage}: the master's watchdog goes with a full disarm and comes back with the arm. */
    private void crmWatchdog(HaState ha, String master) {
        boolean disarmed = "disarmed".equals(ha.disarmState());
        if (disarmed && !ha.crmWatchdogReleased()) {
            log(master, "HA stack fully disarmed, releasing CRM watchdog");
            log(master, "watchdog closed (disabled)");
            ha.setCrmWatchdogReleased(true);
        } else if (!disarmed && ha.crmWatchdogReleased()) {
            log(master, "re-arming HA stack");
            ha.setCrmWatchdogReleased(false);
            pendingCrmWatchdog = true;
        } else if (pendingCrmWatchdog) {
            log(master, "watchdog active"); // get_protected_ha_manager_lock opens it in the next iteration
            pendingCrmWatchdog = false;
        }
    }

    private boolean pendingCrmWatchdog;

    /** A frozen service thaws once the LRM of its node runs in mode {@code active} again. */
    private void unfreeze(HaState ha, String master) {
        for (HaState.Resource r : ha.resources().values()) {
            String node = model.nodeOf(r.vmid());
            if (!ha.crmState(r).equals("freeze") || node == null || ha.lrmDisarm().contains(node)
                    || ha.lrmMaintenance().contains(node) || !model.haLrmWrites(node)) {
                continue;
            }
            ha.serviceStates().remove(r.sid());
            boolean started = !"stopped".equals(r.state()) && !"disabled".equals(r.state());
            log(master, "service '" + r.sid() + "': state changed from 'freeze' to '"
                    + (started ? "started" : "request_stop") + "'");
            if (!started) {
                log(master, "service '" + r.sid() + "': state changed from 'request_stop' to 'stopped'");
            }
        }
    }

    /** Per-node watchdog state: what watchdog-mux already logged since the last feed. */
    private final Map<String, Integer> watchdogStage = new java.util.HashMap<>();
    private final java.util.Set<String> selfFenced = new java.util.HashSet<>();

    /**
     * The watchdog of every node whose LRM held its agent lock and can no longer renew it
     * (no quorum): the LRM stops feeding watchdog-mux, which warns after 50 s, stops
     * keeping the hardware watchdog alive after 60 s ({@code CLIENT_WATCHDOG_TIMEOUT}),
     * and the softdog resets the node 10 s later.
     */
    private void watchdogs() {
        if (!model.haActive()) {
            return;
        }
        List<String> reset = new ArrayList<>();
        model.ha(ha -> {
            lrmRounds(ha);
            Instant now = model.clock().now();
            for (var node : model.nodes()) {
                String n = node.name();
                if (model.haLrmWrites(n)) {
                    selfFenced.remove(n);
                    watchdogStage.remove(n);
                    continue;
                }
                Instant fed = ha.agentLock().get(n);
                if (fed == null || selfFenced.contains(n) || ha.lrmReleased().contains(n) || !model.online(n)
                        || !model.serviceRunning(n, "pve-ha-lrm")) {
                    watchdogStage.remove(n);
                    continue;
                }
                long elapsed = Duration.between(fed, now).toSeconds();
                int stage = watchdogStage.getOrDefault(n, 0);
                int lrmPid = model.servicePid(n, "pve-ha-lrm");
                int muxPid = 600 + node.nodeId();
                if (stage < 1 && elapsed >= HaMigration.LRM_ROUND.toSeconds()) {
                    model.log(n, "pve-ha-lrm", "pve-ha-lrm",
                            "lost lock 'ha_agent_" + n + "_lock - cfs lock update failed - Permission denied'");
                    model.log(n, "pve-ha-lrm", "pve-ha-lrm", "status change active => lost_agent_lock");
                    stage = 1;
                }
                if (stage < 2 && elapsed > WATCHDOG_WARNING) {
                    model.log(n, "watchdog-mux", "watchdog-mux", muxPid,
                            "client (PID " + lrmPid + ") watchdog is about to expire");
                    stage = 2;
                }
                if (stage < 3 && elapsed > WATCHDOG_TIMEOUT) {
                    model.log(n, "watchdog-mux", "watchdog-mux", muxPid,
                            "client (PID " + lrmPid + ") watchdog expired - disable watchdog updates");
                    stage = 3;
                }
                watchdogStage.put(n, stage);
                if (elapsed > WATCHDOG_TIMEOUT + SOFTDOG_TIMEOUT) {
                    reset.add(n);
                    selfFenced.add(n);
                    watchdogStage.remove(n);
                    for (HaState.Resource r : ha.resources().values()) {
                        if (n.equals(model.nodeOf(r.vmid())) && ha.crmState(r).equals("started")
                                && !"stopped".equals(r.state())) {
                            ha.needsStart().add(r.sid());
                        }
                    }
                }
            }
            return null;
        });
        for (String n : reset) {
            for (var vm : model.vmsOn(n)) {
                model.stopVm(vm.vmid()); // a reset kills every guest of the node
            }
            model.crashNode(n, true);
        }
    }

    /**
     * A node crashed (reset, power off, panic): its HA guests died with it. The LRM of the
     * node starts those still {@code started} there once it is back and quorate (unless the
     * CRM fenced and recovered them meanwhile). Called under the model's lock.
     */
    private void crashed(String node, boolean reboots) {
        if (closed || !model.haActive()) {
            return;
        }
        model.ha(ha -> {
            for (HaState.Resource r : ha.resources().values()) {
                if (node.equals(model.nodeOf(r.vmid())) && model.vm(r.vmid()).isPresent()) {
                    model.stopVm(r.vmid());
                    if (ha.crmState(r).equals("started") && !"stopped".equals(r.state())
                            && !"disabled".equals(r.state()) && !"ignored".equals(r.state())) {
                        ha.needsStart().add(r.sid());
                    }
                }
            }
            return null;
        });
    }

    /** watchdog-mux {@code CLIENT_WATCHDOG_TIMEOUT} and its warning, seconds. */
    static final long WATCHDOG_TIMEOUT = 60;
    static final long WATCHDOG_WARNING = 50;
    /** The hardware/softdog timeout watchdog-mux sets ({@code watchdog_timeout = 10}). */
    static final long SOFTDOG_TIMEOUT = 10;

    private void updateSchedulerMode(HaState ha, String master, Crs.Settings crs) {
        String old = master.equals(ha.crsMaster()) ? ha.crsMode() : null;
        if (!master.equals(ha.crsMaster())) {
            ha.setSustainedImbalanceRounds(0);
        }
        if (old == null) {
            if (!crs.mode().equals("basic")) {
                log(master, "using scheduler mode '" + crs.mode() + "'");
            }
        } else if (!old.equals(crs.mode())) {
            log(master, "switching scheduler mode from '" + old + "' to '" + crs.mode() + "'");
        }
        String oldMethod = master.equals(ha.crsMaster()) ? ha.crsMethod() : null;
        if (crs.autoRebalance() && crs.method().equals("topsis") && !"topsis".equals(oldMethod)
                && model.profile().release().equals("9.2")) {
            log(master, "auto rebalance - method 'topsis' is not simulated by the twin, using 'bruteforce'");
        }
        ha.setCrs(master, crs.mode(), crs.autoRebalance() ? crs.method() : null);
    }

    /** {@code update_crm_commands}: the queued {@code ha-manager migrate} commands. */
    private void readCommands(HaState ha, String master) {
        for (Map.Entry<String, HaState.Motion> e : new ArrayList<>(ha.motions().entrySet())) {
            HaState.Motion m = e.getValue();
            if (m.phase() != HaState.Phase.QUEUED) {
                continue;
            }
            String cmd = "migrate " + e.getKey() + " " + m.target();
            log(master, "got crm command: " + cmd);
            HaState.Resource r = ha.resources().get(e.getKey());
            if (r != null && m.target().equals(model.nodeOf(r.vmid()))) {
                log(master, "ignore crm command - service already on target node: " + cmd);
                ha.motions().remove(e.getKey());
            } else {
                queuePartners(ha, master, e.getKey(), m.target());
            }
        }
    }

    /** A started VM service the balancer may move. */
    private boolean started(HaState ha, HaState.Resource r) {
        return r.sid().startsWith("vm:") && ha.crmState(r).equals("started") && model.vm(r.vmid()).isPresent()
                && model.running(r.vmid());
    }

    /** The services in positive resource affinity with {@code sid} (enabled rules), sorted. */
    private static java.util.SortedSet<String> together(HaState ha, String sid) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        for (HaState.Rule rule : ha.rules().values()) {
            if (rule.disabled() || !rule.type().equals("resource-affinity") || !"positive".equals(rule.affinity())
                    || rule.resources() == null) {
                continue;
            }
            List<String> members = List.of(rule.resources().split(","));
            if (members.contains(sid)) {
                members.stream().filter(m -> !m.equals(sid)).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * {@code queue_resource_motion}: the services in positive affinity with {@code sid} move
     * with it, each announced in the CRM journal.
     */
    private void queuePartners(HaState ha, String master, String sid, String target) {
        String cmd = "migrate " + sid + " " + target;
        for (String csid : together(ha, sid)) {
            HaState.Resource c = ha.resources().get(csid);
            if (c == null || model.vm(c.vmid()).isEmpty() || "ignored".equals(c.state())
                    || target.equals(model.nodeOf(c.vmid()))) {
                continue;
            }
            HaState.Motion cm = ha.motions().get(csid);
            if (cm != null && cm.target().equals(target)) {
                continue;
            }
            log(master, "crm command '" + cmd + "' - migrate service '" + csid + "' to node '" + target
                    + "' (service '" + csid + "' in positive affinity with service '" + sid + "')");
            ha.motions().put(csid, new HaState.Motion(model.nodeOf(c.vmid()), target, HaState.Phase.QUEUED, false));
        }
    }

    /** {@code load_balance}: one balancing move at most, queued as a migration. */
    private void loadBalance(HaState ha, String master, Crs.Settings crs) {
        if (!crs.autoRebalance() || !(crs.mode().equals("static") || crs.mode().equals("dynamic"))) {
            return;
        }
        if (ha.motionQueuedOrRunning()) {
            return;
        }
        boolean dynamic = crs.mode().equals("dynamic");
        Map<String, Crs.NodeUsage> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : ha.nodeStates().entrySet()) {
            if (e.getValue().equals("online") && model.online(e.getKey())) {
                nodes.put(e.getKey(), model.crsNodeUsage(e.getKey(), dynamic));
            }
        }
        double imbalance = Crs.imbalanceOf(nodes);
        // the <= keeps a perfectly balanced (or idle) cluster from counting
        if (imbalance <= crs.threshold()) {
            ha.setSustainedImbalanceRounds(0);
            return;
        }
        ha.setSustainedImbalanceRounds(ha.sustainedImbalanceRounds() + 1);
        if (ha.sustainedImbalanceRounds() < crs.holdDuration()) {
            return;
        }
        ha.setSustainedImbalanceRounds(0);
        // get_active_stationary_resource_bundles: started services with their positive-affinity
        // partners, all on one node and none moving, keyed by the first sid
        Map<String, List<String>> bundles = new java.util.TreeMap<>();
        outer:
        for (HaState.Resource r : ha.resources().values()) {
            if (!started(ha, r)) {
                continue;
            }
            List<String> members = new ArrayList<>(List.of(r.sid()));
            java.util.Set<String> on = new java.util.HashSet<>(List.of(model.nodeOf(r.vmid())));
            for (String csid : together(ha, r.sid())) {
                HaState.Resource c = ha.resources().get(csid);
                if (c == null || model.vm(c.vmid()).isEmpty()) {
                    continue;
                }
                if (ha.crmState(c).equals("migrate")) {
                    continue outer;
                }
                if (started(ha, c)) {
                    members.add(csid);
                    on.add(model.nodeOf(c.vmid()));
                }
            }
            if (on.size() == 1) {
                java.util.Collections.sort(members);
                bundles.put(members.get(0), members);
            }
        }
        List<Crs.Candidate> candidates = new ArrayList<>();
        for (Map.Entry<String, List<String>> b : bundles.entrySet()) {
            String node = model.nodeOf(ha.resources().get(b.getKey()).vmid());
            if (!nodes.containsKey(node)) {
                continue;
            }
            double cpu = 0;
            double mem = 0;
            for (String sid : b.getValue()) {
                Crs.GuestUsage u = model.crsGuestUsage(ha.resources().get(sid).vmid(), dynamic);
                cpu += u.cpu();
                mem += u.mem();
            }
            List<String> targets = targets(ha, b.getKey(), node, nodes.keySet());
            if (!targets.isEmpty()) {
                candidates.add(new Crs.Candidate(b.getKey(), node, new Crs.GuestUsage(cpu, mem), targets));
            }
        }
        Optional<Crs.Move> best = Crs.bruteforce(nodes, candidates);
        if (best.isEmpty() || !Crs.worthIt(imbalance, best.get().imbalance(), crs.margin())) {
            return;
        }
        Crs.Move move = best.get();
        log(master, String.format(Locale.ROOT,
                "auto rebalance - migrate %s to %s (expected change for imbalance from %.2f to %.2f)", move.sid(),
                move.target(), imbalance, move.imbalance()));
        log(master, "got crm command: migrate " + move.sid() + " " + move.target());
        ha.motions().put(move.sid(), new HaState.Motion(move.source(), move.target(), HaState.Phase.QUEUED, false));
        queuePartners(ha, master, move.sid(), move.target());
    }

    /**
     * Where a started service may go ({@code get_resource_migration_candidates}): the
     * highest-priority online nodes of its node-affinity rule (a non-strict rule adds every
     * other node at priority -1), without nodes of services it must keep apart from
     * (negative resource affinity), never its own node.
     */
    List<String> targets(HaState ha, String sid, String current, java.util.Set<String> online) {
        java.util.Set<String> targets = new java.util.TreeSet<>(online);
        HaState.Resource self = ha.resources().get(sid);
        HaState.Group group = self == null || self.group() == null ? null : ha.groups().get(self.group());
        if (group != null) {
            // 8.x groups: the highest-priority online members; others at -1 unless restricted
            Map<String, Integer> priority = new LinkedHashMap<>();
            for (String part : group.nodes().split(",")) {
                String[] np = part.trim().split(":");
                priority.put(np[0], np.length > 1 ? Integer.parseInt(np[1]) : 0);
            }
            if (!group.restricted()) {
                model.nodes().forEach(n -> priority.putIfAbsent(n.name(), -1));
            }
            int best = priority.entrySet().stream().filter(e -> online.contains(e.getKey()))
                    .mapToInt(Map.Entry::getValue).max().orElse(Integer.MIN_VALUE);
            targets.removeIf(n -> !Integer.valueOf(best).equals(priority.get(n)));
        }
        for (HaState.Rule rule : ha.rules().values()) {
            List<String> members = rule.resources() == null ? List.of()
                    : List.of(rule.resources().split(","));
            if (rule.disabled() || !members.contains(sid)) {
                continue;
            }
            if (rule.type().equals("node-affinity") && rule.nodes() != null) {
                Map<String, Integer> priority = new LinkedHashMap<>();
                for (String part : rule.nodes().split(",")) {
                    String[] np = part.trim().split(":");
                    priority.put(np[0], np.length > 1 ? Integer.parseInt(np[1]) : 0);
                }
                if (rule.strict() == null || rule.strict() == 0) {
                    model.nodes().forEach(n -> priority.putIfAbsent(n.name(), -1));
                }
                int best = priority.entrySet().stream().filter(e -> online.contains(e.getKey()))
                        .mapToInt(Map.Entry::getValue).max().orElse(Integer.MIN_VALUE);
                targets.removeIf(n -> !Integer.valueOf(best).equals(priority.get(n)));
            } else if (rule.type().equals("resource-affinity") && "negative".equals(rule.affinity())) {
                for (String other : members) {
                    HaState.Resource o = ha.resources().get(other);
                    if (other.equals(sid) || o == null || model.vm(o.vmid()).isEmpty()) {
                        continue;
                    }
                    targets.remove(model.nodeOf(o.vmid()));
                    HaState.Motion m = ha.motions().get(other);
                    if (m != null) {
                        targets.remove(m.target());
                    }
                }
            }
        }
        targets.remove(current);
        return List.copyOf(targets);
    }

    private void log(String master, String message) {
        model.log(master, "pve-ha-crm", "pve-ha-crm", message);
    }
}
