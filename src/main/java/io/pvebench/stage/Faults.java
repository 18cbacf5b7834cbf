package io.pvebench.stage;

import io.pvebench.assess.Assessment;
import io.pvebench.assess.ObjectiveCheck;
import io.pvebench.run.CaseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean the routes' error handling calls: a fault in a case marks that case broken
 * with the reason; a fault before any case ran (preflight) marks every case broken.
 * Finished results are never touched.
 */
public final class Faults {

    private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

    /** Called from the case route's catch block with the exception that ended the case. */
    public void caseBroken(CaseContext kase, Throwable fault) {
        LOG.debug("case {} broken", kase.id(), fault);
        kase.broken(describe(fault));
    }

    /** Called when the run itself failed (no case can run): every unfinished case is broken. */
    public void runBroken(RunContext run, Throwable fault) {
        LOG.debug("run {} broken", run.info().runId(), fault);
        String reason = "run broken before this case could start: " + describe(fault);
        for (CaseContext kase : run.getCases()) {
            if (!run.isFinished(kase)) {
                kase.broken(reason);
                Assessment assessment = ObjectiveCheck.assess(run.pipeline().objectives(), kase.samples(), reason);
                CaseResult result = new CaseResult(kase.plan(), assessment, kase.steps(), kase.samples(),
                        run.clock().instant(), run.clock().instant());
                run.finished(result);
                run.events().caseFinished(result);
            }
        }
    }

    /** One line a person can act on: the message, with the root cause when it adds something. */
    static String describe(Throwable fault) {
        String message = fault.getMessage() == null ? fault.getClass().getSimpleName() : fault.getMessage();
        Throwable root = fault;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != fault && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (cause: " + root.getMessage() + ")";
        }
        return message;
    }
}
