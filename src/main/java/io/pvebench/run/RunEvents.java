package io.pvebench.run;

import io.pvebench.pipeline.CasePlan;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes each run event to every listener; a listener that throws is logged and
 * skipped, so a broken report never breaks a run, and remembered, so the run's exit
 * code can say that its results are incomplete.
 */
public final class RunEvents implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(RunEvents.class);

    private final List<RunListener> listeners;
    private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

    public RunEvents(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** What listeners failed to do, in order; empty when every report was written. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void runStarted(RunInfo run) {
        each(l -> l.runStarted(run));
    }

    @Override
    public void environment(Map<String, String> facts) {
        each(l -> l.environment(facts));
    }

    @Override
    public void notice(Notice notice) {
        each(l -> l.notice(notice));
    }

    @Override
    public void caseStarted(CasePlan plan, int index, int total) {
        each(l -> l.caseStarted(plan, index, total));
    }

    @Override
    public void stepStarted(CasePlan plan, String step) {
        each(l -> l.stepStarted(plan, step));
    }

    @Override
    public void stepFinished(CasePlan plan, StepRecord step) {
        each(l -> l.stepFinished(plan, step));
    }

    @Override
    public void caseFinished(CaseResult result) {
        each(l -> l.caseFinished(result));
    }

    @Override
    public void runFinished(RunResult result) {
        each(l -> l.runFinished(result));
    }

    private void each(Consumer<RunListener> event) {
        for (RunListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("run listener {} failed: {}", listener.getClass().getSimpleName(), e.toString(), e);
                failures.add(listener.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
