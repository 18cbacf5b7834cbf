package io.pvebench.stage;

import io.pvebench.measure.Sample;
import io.pvebench.pipeline.CasePlan;
import io.pvebench.run.Phase;
import io.pvebench.run.StepRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one case while it runs: its samples, its steps, why it broke, and the
 * undo ledger teardown works through. The exchange body of the case routes.
 * Used by one stage at a time.
 */
public final class CaseContext {

    private final RunContext run;
    private final CasePlan plan;
    private final int index;
    private final List<Sample> samples = new ArrayList<>();
    private final List<StepRecord> steps = new ArrayList<>();
    private final UndoLedger ledger = new UndoLedger();
    private final List<Phase> phases = new ArrayList<>();
    private LoadSession load;
    private Instant start;
    private String brokenReason;
    private String notRunReason;

    CaseContext(RunContext run, CasePlan plan, int index) {
        this.run = run;
        this.plan = plan;
        this.index = index;
    }

    public RunContext run() {
        return run;
    }

    public CasePlan plan() {
        return plan;
    }

    public String id() {
        return plan.id();
    }

    /** 1-based position in the run. */
    public int index() {
        return index;
    }

    /** The labels every sample of this case carries, plus the node it was measured on. */
    public Map<String, String> labels(String node) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("run", run.info().runId());
        labels.put("case", plan.id());
        labels.put("vmSpec", plan.vmSpec().name());
        labels.put("scenario", plan.scenario());
        if (plan.variant() != null) {
            labels.put("variant", plan.variant().name());
        }
        labels.put("repetition", String.valueOf(plan.repetition()));
        labels.put("node", node);
        return labels;
    }

    public void addSamples(List<Sample> more) {
        samples.addAll(more);
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    void addPhase(Phase phase) {
        phases.add(phase);
    }

    /** The marked stretches of the case's timeline, in the order they were marked. */
    public List<Phase> phases() {
        return List.copyOf(phases);
    }

    void load(LoadSession session) {
        this.load = session;
    }

    /** The load the load stage started, or null (not started yet, or nothing to run). */
    LoadSession load() {
        return load;
    }

    void addStep(StepRecord step) {
        steps.add(step);
    }

    public List<StepRecord> steps() {
        return List.copyOf(steps);
    }

    /** Records a change before it is made, so teardown undoes it even if the change itself fails halfway. */
    public void recordChange(String description, Runnable undo) {
        ledger.record(description, undo);
    }

    /**
     * Records a fault about to be injected: written to the cluster's heal journal first (so a later
     * pvebench heals it if this one dies), and to the case's ledger, whose undo carries out
     * {@code heals}, waits until the cluster is whole again and strikes the journal entry. The
     * stage that injects it heals it itself as soon as it has measured ({@link InjectedFault#heal}).
     *
     * @param within how long healing may take, node reboot included
     */
    public InjectedFault recordFault(String change, List<Heal> heals, java.time.Duration within) {
        RunContext run = run();
        java.util.Optional<HealJournal> journal = run.healJournal();
        String id = journal.map(j -> j.open(run.info().runId(), run.clock().instant(), change, heals)).orElse(null);
        Runnable heal = () -> {
            FaultHealing.heal(run, change, heals, within);
            journal.ifPresent(j -> j.close(id));
        };
        return new InjectedFault(ledger, ledger.recordEntry(change, heal));
    }

    /** What the case changed and teardown undoes. */
    UndoLedger ledger() {
        return ledger;
    }

    void started(Instant when) {
        this.start = when;
    }

    public Instant start() {
        return start;
    }

    /** Marks the case broken; the first reason wins, later ones are consequences. */
    public void broken(String reason) {
        if (brokenReason == null) {
            brokenReason = reason;
        }
    }

    /** Why the case broke, or null. */
    public String brokenReason() {
        return brokenReason;
    }

    /** Marks a case that never started (the run stopped or broke first). */
    void notRun(String reason) {
        if (notRunReason == null) {
            notRunReason = reason;
        }
    }

    /** Why the case never started, or null. */
    public String notRunReason() {
        return notRunReason;
    }
}
