package io.pvebench.stage;

import io.pvebench.guest.GuestPort;
import io.pvebench.guest.GuestVm;
import io.pvebench.guest.NetworkProbes;
import io.pvebench.pipeline.CasePlan;
import io.pvebench.pipeline.InventoryCluster;
import io.pvebench.pipeline.ListedVms;
import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.VmSpec;
import io.pvebench.proxmox.ClusterClock;
import io.pvebench.proxmox.ClusterPort;
import io.pvebench.proxmox.FaultPort;
import io.pvebench.proxmox.MigrationPort;
import io.pvebench.proxmox.SchedulerPort;
import io.pvebench.proxmox.VmPort;
import io.pvebench.run.CaseResult;
import io.pvebench.run.Notice;
import io.pvebench.run.RunEvents;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunInfo;
import io.pvebench.run.StopSignal;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one run shares: the pipeline, its folder and events, the ports to the
 * cluster, the VMs it made and the ledger that removes them, what preflight found, and
 * the cases with their results. The exchange body of the run route; stages run one at a
 * time, so it needs no locking.
 */
public final class RunContext {

    private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);

    private final Pipeline pipeline;
    private final RunInfo info;
    private final RunFolder folder;
    private final RunEvents events;
    private final RecordingShell shell;
    private final ClusterPort cluster;
    private final VmPort vms;
    private final MigrationPort migrations;
    private final SchedulerPort scheduler;
    private final FaultPort faults;
    private final GuestPort guests;
    private final Clock clock;
    private final ClusterClock clusterClock;
    private final StopSignal stop;
    private final List<CaseContext> cases = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, VmPair> pairs = new LinkedHashMap<>();
    private final Map<String, List<GuestVm>> loaded = new LinkedHashMap<>();
    private final Map<String, List<GuestVm>> provisioned = new LinkedHashMap<>();
    private final UndoLedger ledger = new UndoLedger();
    private final List<CaseResult> results = new ArrayList<>();
    private final List<io.pvebench.balance.SweepResult> sweep = new ArrayList<>();
    private final VariantLedger variantLedger;

    public RunContext(Pipeline pipeline, RunInfo info, RunFolder folder, RunEvents events, RecordingShell shell,
                      ClusterPort cluster, VmPort vms, MigrationPort migrations, SchedulerPort scheduler,
                      FaultPort faults, GuestPort guests, Clock clock, ClusterClock clusterClock,
                      StopSignal stop) {
        this.pipeline = pipeline;
        this.info = info;
        this.folder = folder;
        this.events = events;
        this.shell = shell;
        this.cluster = cluster;
        this.vms = vms;
        this.migrations = migrations;
        this.scheduler = scheduler;
        this.faults = faults;
        this.guests = guests;
        this.clock = clock;
        this.clusterClock = clusterClock;
        this.stop = stop;
        this.variantLedger = new VariantLedger(folder, clock);
        int index = 1;
        for (CasePlan plan : info.cases()) {
            cases.add(new CaseContext(this, plan, index++));
        }
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public RunInfo info() {
        return info;
    }

    public RunFolder folder() {
        return folder;
    }

    public RunEvents events() {
        return events;
    }

    RecordingShell shell() {
        return shell;
    }

    public ClusterPort cluster() {
        return cluster;
    }

    /** Makes and removes the VMs the run clones. */
    public VmPort vms() {
        return vms;
    }

    public MigrationPort migrations() {
        return migrations;
    }

    public SchedulerPort scheduler() {
        return scheduler;
    }

    /** Injects faults and undoes them. */
    public FaultPort faults() {
        return faults;
    }

    /**
     * The journal of faults injected into this cluster and not yet healed, beside the run folders;
     * empty for the embedded twin, which a run starts anew and which nothing outlives.
     */
    public Optional<HealJournal> healJournal() {
        if (!(pipeline.cluster() instanceof InventoryCluster inventory)) {
            return Optional.empty();
        }
        return Optional.of(HealJournal.of(folder.root().getParent(), inventory.definition().name()));
    }

    /**
     * The node VM {@code vmid} runs on now, from {@code /cluster/resources}: stages that move
     * VMs make the nodes found in preflight stale.
     *
     * @throws io.pvebench.proxmox.ProxmoxException when the cluster does not list the VM
     */
    public String nodeOf(int vmid) {
        return cluster.resources().stream().filter(r -> r.isVm() && r.vmid() != null && r.vmid() == vmid)
                .map(io.pvebench.proxmox.ClusterResource::node).findFirst()
                .orElseThrow(() -> new io.pvebench.proxmox.ProxmoxException("vm " + vmid + " is not in the cluster"));
    }

    public GuestPort guests() {
        return guests;
    }

    public NetworkProbes probes() {
        return new NetworkProbes(guests);
    }

    /** The wall clock: when the run, its cases and steps started and ended. */
    public Clock clock() {
        return clock;
    }

    /** The cluster's clock: what measurements are paced by and stamped with. */
    public ClusterClock clusterClock() {
        return clusterClock;
    }

    /** Throws {@link RunStoppedException} if the run has been asked to stop. */
    void checkNotStopped() {
        if (stop.requested()) {
            throw new RunStoppedException(stop.reason());
        }
    }

    /**
     * Waits until the cluster clock reads {@code t}, looking every 200 ms of wall time
     * whether the run has been asked to stop.
     *
     * @throws RunStoppedException when it has, or the thread is interrupted; {@code what} says during what
     */
    void waitUntil(Instant t, String what) {
        waitUntil(t, what, true);
    }

    /**
     * Waits until the cluster clock reads {@code t} even when the run is stopping: for what must
     * finish whatever happens (healing an injected fault).
     *
     * @throws RunStoppedException only when the thread is interrupted
     */
    void waitEvenWhenStopping(Instant t, String what) {
        waitUntil(t, what, false);
    }

    private void waitUntil(Instant t, String what, boolean honourStop) {
        while (clusterClock.now().isBefore(t)) {
            if (honourStop) {
                checkNotStopped();
            }
            Duration left = clusterClock.wallDuration(Duration.between(clusterClock.now(), t));
            try {
                Thread.sleep(Math.max(1, Math.min(200, left.toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunStoppedException("interrupted " + what);
            }
        }
    }

    /** Whether the run has been asked to stop. */
    boolean stopRequested() {
        return stop.requested();
    }

    /** What configuration variants have changed on the cluster and not yet put back. */
    VariantLedger variantLedger() {
        return variantLedger;
    }

    /** What variants left changed on the cluster, oldest first; empty once everything is back. */
    public List<String> variantChanges() {
        return variantLedger.changed();
    }

    /** The cases in the order they run; the split in the run route iterates this. */
    public List<CaseContext> getCases() {
        return List.copyOf(cases);
    }

    /** The facts preflight read, in the order it read them. */
    public Map<String, String> environment() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    void addEnvironment(Map<String, String> facts) {
        environment.putAll(facts);
    }

    /** Adds facts and tells the listeners the whole environment as it now is. */
    void publishEnvironment(Map<String, String> facts) {
        addEnvironment(facts);
        events.environment(environment());
    }

    /** Tells the person watching what a run-level stage did, and logs it. */
    void notice(String stage, String text) {
        LOG.info("{}: {}", stage, text);
        events.notice(new Notice(stage, text, false));
    }

    /** A notice that asks for attention. */
    void warn(String stage, String text) {
        LOG.warn("{}: {}", stage, text);
        events.notice(new Notice(stage, text, true));
    }

    /**
     * What the run changed on the cluster outside any case (the VMs it cloned), undone when
     * the run ends whatever happened.
     */
    UndoLedger ledger() {
        return ledger;
    }

    /** Records the VMs made for a spec: server, then client. */
    void provisioned(String vmSpec, List<GuestVm> vms) {
        provisioned.put(vmSpec, List.copyOf(vms));
    }

    /**
     * The ids of a spec's VMs, server first: those it lists, or the clones made for it
     * (empty when they were not made).
     */
    List<Integer> vmids(VmSpec spec) {
        if (spec.source() instanceof ListedVms listed) {
            return listed.vmids();
        }
        return provisioned.getOrDefault(spec.name(), List.of()).stream().map(GuestVm::vmid).toList();
    }

    /** Records every VM of a spec, the pair first, as preflight found them: all carry the case's load. */
    synchronized void loaded(String vmSpec, List<GuestVm> vms) {
        loaded.put(vmSpec, List.copyOf(vms));
    }

    /**
     * Every VM of a spec, the pair first: what the load runs in and a balancer may move;
     * the pair alone when preflight recorded no more.
     */
    public synchronized List<GuestVm> loaded(String vmSpec) {
        VmPair pair = pair(vmSpec);
        return loaded.getOrDefault(vmSpec, List.of(pair.server(), pair.client()));
    }

    void pair(String vmSpec, VmPair pair) {
        pairs.put(vmSpec, pair);
    }

    /** The VM pair preflight found for a spec. */
    public VmPair pair(String vmSpec) {
        VmPair pair = pairs.get(vmSpec);
        if (pair == null) {
            throw new IllegalStateException("preflight found no VM pair for spec '" + vmSpec + "'");
        }
        return pair;
    }

    void finished(CaseResult result) {
        results.add(result);
    }

    /** Records how a case's balancer did, for the sweep's ranking, and keeps it in the run folder at once. */
    public synchronized void addSweepResult(io.pvebench.balance.SweepResult result) {
        sweep.add(result);
        folder.appendSweep(result);
    }

    /** How each case's balancer did, in the order the cases ran. */
    public synchronized List<io.pvebench.balance.SweepResult> sweepResults() {
        return List.copyOf(sweep);
    }

    public List<CaseResult> results() {
        return List.copyOf(results);
    }

    /** Whether a case has already been finished (so a second finish does nothing). */
    boolean isFinished(CaseContext kase) {
        return results.stream().anyMatch(r -> r.plan().id().equals(kase.id()));
    }
}
