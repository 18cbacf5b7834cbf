package io.pvebench.run;

import io.pvebench.pipeline.CasePlan;
import java.util.Map;

/**
 * Hears what a run does, in order: reports, the console and progress are listeners,
 * so the runner never knows how results are shown.
 *
 * <p>Called on the run's thread. A listener must not throw: one that fails is the
 * report's problem, not the run's ({@link RunEvents} logs and carries on).
 */
public interface RunListener {

    default void runStarted(RunInfo run) {
    }

    /** Cluster facts read in preflight ({@code pve.version}, {@code nodes}, ...). */
    default void environment(Map<String, String> facts) {
    }

    /** What a run-level stage made, removed or found on the cluster (outside any case). */
    default void notice(Notice notice) {
    }

    /** @param index 1-based position of the case in the run */
    default void caseStarted(CasePlan plan, int index, int total) {
    }

    default void stepStarted(CasePlan plan, String step) {
    }

    default void stepFinished(CasePlan plan, StepRecord step) {
    }

    default void caseFinished(CaseResult result) {
    }

    default void runFinished(RunResult result) {
    }
}
