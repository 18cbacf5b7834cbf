package io.pvebench.stage;

import io.pvebench.run.Attachment;
import io.pvebench.run.StepRecord;
import io.pvebench.run.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one stage of one case as a recorded step: announces it, files its commands'
 * raw outputs under the case and stage, and records how it ended. A stage that throws
 * ends broken with the exception's message and the exception goes on to the route,
 * which decides what follows. The one place every stage's bookkeeping lives.
 */
final class StepScope {

    private StepScope() {
    }

    /**
     * Runs {@code work} as the step {@code stage} of {@code kase} and returns the step as
     * recorded. A stage does not start once the run has been asked to stop.
     */
    static StepRecord run(CaseContext kase, String stage, Consumer<StepLog> work) {
        kase.run().checkNotStopped();
        return runEvenWhenStopping(kase, stage, work);
    }

    /** Like {@link #run}, for the stages that must run even when the run is stopping (teardown). */
    static StepRecord runEvenWhenStopping(CaseContext kase, String stage, Consumer<StepLog> work) {
        RunContext run = kase.run();
        RecordingShell shell = run.shell();
        run.events().stepStarted(kase.plan(), stage);
        shell.enter(kase.id(), stage);
        shell.drainAttachments();
        Instant start = run.clock().instant();
        StepLog log = new StepLog();
        try {
            work.accept(log);
        } catch (RuntimeException e) {
            finish(kase, stage, StepStatus.BROKEN, Faults.describe(e), start, log);
            throw e;
        }
        StepStatus status = log.problems().isEmpty() ? StepStatus.PASSED : StepStatus.BROKEN;
        List<String> detail = new ArrayList<>(log.problems());
        detail.addAll(log.notes());
        return finish(kase, stage, status, String.join("; ", detail), start, log);
    }

    private static StepRecord finish(CaseContext kase, String stage, StepStatus status, String detail, Instant start,
                               StepLog log) {
        RunContext run = kase.run();
        // the tools' own outputs first: they are what a person opens; the agent's wrappers follow
        List<Attachment> attachments = new ArrayList<>(log.attachments());
        attachments.addAll(run.shell().drainAttachments());
        StepRecord step = new StepRecord(stage, status, detail, start, run.clock().instant(), attachments);
        kase.addStep(step);
        run.events().stepFinished(kase.plan(), step);
        return step;
    }
}
