package io.pvebench.stage;

import io.pvebench.PvebenchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean the routes' error handling calls: a fault in a case marks that case broken
 * with the reason; a fault outside any case (preflight) finishes every unfinished case
 * as broken, through the same {@link AssessStage} as a case that ran. Finished results
 * are never touched. A fault that is not one pvebench names is a bug: it is logged with
 * its stack trace, so it is never mistaken for a flaky cluster.
 */
public final class Faults {

    private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

    private final AssessStage assess;

    public Faults(AssessStage assess) {
        this.assess = assess;
    }

    /** Called from the case route's catch block with the exception that ended the case. */
    public void caseBroken(CaseContext kase, Throwable fault) {
        logIfBug("case " + kase.id(), fault);
        if (kase.start() == null) {
            kase.notRun(describe(fault));
        } else {
            kase.broken(describe(fault));
        }
    }

    /** Called when the run itself failed: every unfinished case is finished as broken. */
    public void runBroken(RunContext run, Throwable fault) {
        logIfBug("run " + run.info().runId(), fault);
        for (CaseContext kase : run.getCases()) {
            if (!run.isFinished(kase)) {
                if (kase.start() == null) {
                    kase.notRun("the run broke before this case started: " + describe(fault));
                } else {
                    kase.broken("the run broke during this case: " + describe(fault));
                }
                assess.run(kase);
            }
        }
    }

    private static void logIfBug(String where, Throwable fault) {
        if (fault instanceof PvebenchException) {
            LOG.debug("{} broken", where, fault);
        } else {
            LOG.warn("{} ended by an unexpected {} (a pvebench bug, please report it)", where,
                    fault.getClass().getName(), fault);
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
