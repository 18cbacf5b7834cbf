package io.pvebench.cli;

import io.pvebench.pipeline.CasePlan;
import io.pvebench.run.RunListener;
import io.pvebench.run.StepRecord;

/** A run listener that does something when one step of the n-th case starts or finishes: how tests inject faults. */
final class StepTrigger implements RunListener {

    private final int caseIndex;
    private final String step;
    private final boolean onStart;
    private final Runnable action;
    private volatile int running;

    private StepTrigger(int caseIndex, String step, boolean onStart, Runnable action) {
        this.caseIndex = caseIndex;
        this.step = step;
        this.onStart = onStart;
        this.action = action;
    }

    /** Runs {@code action} when step {@code step} of case {@code caseIndex} (1-based) starts. */
    static StepTrigger whenStarted(int caseIndex, String step, Runnable action) {
        return new StepTrigger(caseIndex, step, true, action);
    }

    /** Runs {@code action} when step {@code step} of case {@code caseIndex} (1-based) has finished. */
    static StepTrigger whenFinished(int caseIndex, String step, Runnable action) {
        return new StepTrigger(caseIndex, step, false, action);
    }

    @Override
    public void caseStarted(CasePlan plan, int index, int total) {
        running = index;
    }

    @Override
    public void stepStarted(CasePlan plan, String name) {
        if (onStart && running == caseIndex && name.equals(step)) {
            action.run();
        }
    }

    @Override
    public void stepFinished(CasePlan plan, StepRecord record) {
        if (!onStart && running == caseIndex && record.name().equals(step)) {
            action.run();
        }
    }
}
