package io.pvebench.stage;

import io.pvebench.run.StepRecord;
import io.pvebench.run.StepStatus;

/**
 * Undoes what the case changed, newest change first, whatever happened before. Never
 * throws: an undo that fails is recorded on the step and marks the case broken (what
 * is left behind may distort the next case), and the remaining undos still run.
 * Running it twice does no harm: the ledger is empty the second time.
 */
public final class TeardownStage {

    public static final String NAME = "teardown";

    public void run(CaseContext kase) {
        if (kase.start() == null) {
            return; // never started: nothing to undo, no step to show
        }
        StepRecord step = StepScope.runEvenWhenStopping(kase, NAME, log -> {
            kase.ledger().undoAll(log::problem);
            LoadSession load = kase.load();
            if (load != null) {
                // the case broke before unloading: keep the usage series up to the fault
                UnloadStage.keep(kase, load, load.stop(), NAME, log);
            }
        });
        if (step.status() == StepStatus.BROKEN) {
            kase.broken("teardown: " + step.detail());
        }
    }
}
