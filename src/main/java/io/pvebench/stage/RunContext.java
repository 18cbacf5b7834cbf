package io.pvebench.stage;

import io.pvebench.guest.GuestPort;
import io.pvebench.guest.NetworkProbes;
import io.pvebench.pipeline.CasePlan;
import io.pvebench.pipeline.Pipeline;
import io.pvebench.proxmox.ClusterClock;
import io.pvebench.proxmox.ClusterPort;
import io.pvebench.run.CaseResult;
import io.pvebench.run.RunEvents;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunInfo;
import io.pvebench.run.StopSignal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run shares: the pipeline, its folder and events, the ports to the
 * cluster, what preflight found, and the cases with their results. The exchange body
 * of the run route; stages run one at a time, so it needs no locking.
 */
public final class RunContext {

    private final Pipeline pipeline;
    private final RunInfo info;
    private final RunFolder folder;
    private final RunEvents events;
    private final RecordingShell shell;
    private final ClusterPort cluster;
    private final GuestPort guests;
    private final Clock clock;
    private final ClusterClock clusterClock;
    private final StopSignal stop;
    private final List<CaseContext> cases = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, VmPair> pairs = new LinkedHashMap<>();
    private final List<CaseResult> results = new ArrayList<>();
    private final VariantLedger variantLedger;

    public RunContext(Pipeline pipeline, RunInfo info, RunFolder folder, RunEvents events, RecordingShell shell,
                      ClusterPort cluster, GuestPort guests, Clock clock, ClusterClock clusterClock, StopSignal stop) {
        this.pipeline = pipeline;
        this.info = info;
        this.folder = folder;
        this.events = events;
        this.shell = shell;
        this.cluster = cluster;
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

    public List<CaseResult> results() {
        return List.copyOf(results);
    }

    /** Whether a case has already been finished (so a second finish does nothing). */
    boolean isFinished(CaseContext kase) {
        return results.stream().anyMatch(r -> r.plan().id().equals(kase.id()));
    }
}
