package io.pvebench.stage;

/**
 * Opens a case: announces it and makes sure the VMs it needs were found in preflight.
 * The pipeline lists existing VMs, so there is nothing to create yet; cloning VMs from a
 * template will live here, with their removal recorded in the case's undo ledger.
 */
public final class SetupStage {

    public static final String NAME = "setup";

    public void run(CaseContext kase) {
        kase.run().checkNotStopped();
        kase.started(kase.run().clock().instant());
        kase.run().events().caseStarted(kase.plan(), kase.index(), kase.run().getCases().size());
        StepScope.run(kase, NAME, log -> kase.run().pair(kase.plan().vmSpec().name()));
    }
}
