package io.pvebench.stage;

/**
 * Opens a case: announces it and makes sure the VMs it needs were found in preflight.
 * Nothing is created per case: VMs cloned from a template are made once per run, before
 * preflight ({@link ProvisionStage}), because a clone per case would be far too slow on a
 * real cluster.
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
