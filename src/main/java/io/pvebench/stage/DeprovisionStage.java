package io.pvebench.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ends the run's changes to the cluster: undoes the run's {@link UndoLedger} (the VMs
 * {@link ProvisionStage} cloned are stopped and destroyed), newest first, whatever happened
 * before, also when the run was stopped. Never throws: an undo that fails is a warning on
 * the console and in the environment ({@code deprovision.problems}), and the others still
 * run; what it left carries the run's tags, so the next run finds it as an orphan. Running
 * it twice does no harm: the ledger is empty the second time.
 */
public final class DeprovisionStage {

    public static final String NAME = "deprovision";

    public void run(RunContext run) {
        if (run.ledger().isEmpty()) {
            return;
        }
        run.shell().enter("run", NAME);
        List<String> problems = new ArrayList<>();
        run.ledger().undoAll(problems::add);
        for (String problem : problems) {
            run.warn(NAME, problem);
        }
        if (!problems.isEmpty()) {
            run.publishEnvironment(Map.of("deprovision.problems", String.join("; ", problems)));
        }
    }
}
