package io.pvebench.stage;

import io.pvebench.pipeline.CasePlan;
import io.pvebench.pipeline.Variant;
import java.util.List;

/**
 * Puts the cluster into the case's configuration variant (MTU, bond mode) before any load
 * or measurement: what another variant changed is put back first, then what this one needs
 * for the case's VM pair is changed, each change in the run's ledger before it is made, and
 * all of it read back. A case whose variant did not take breaks with the reason. Without
 * variants in the pipeline it does nothing and shows no step.
 *
 * <p>A variant stays in place while consecutive cases share it, so a shuffled run does not
 * flap the cluster's MTU at every case; the case's own undo ledger holds one entry that, in
 * teardown, puts everything back unless the case ended well, the run is not stopping and
 * the next case runs under the same variant. Whatever is still changed when the run ends
 * is put back by {@link RestoreStage}. See docs/adr/0004.
 */
public final class ConfigureStage {

    public static final String NAME = "configure";

    public void run(CaseContext kase) {
        RunContext run = kase.run();
        Variant variant = kase.plan().variant();
        VariantLedger ledger = run.variantLedger();
        if (variant == null && ledger.isEmpty()) {
            return;
        }
        StepScope.run(kase, NAME, log -> {
            String wanted = variant == null ? null : variant.name();
            if (ledger.applied() != null && !ledger.applied().equals(wanted)) {
                String previous = ledger.applied();
                boolean changed = !ledger.isEmpty();
                List<String> left = ledger.restoreAll(kase.id());
                if (!left.isEmpty()) {
                    throw new VariantNotAppliedException("could not put back what variant '" + previous
                            + "' changed: " + String.join("; ", left));
                }
                ledger.applied(null);
                if (changed) {
                    log.note("put back what variant '" + previous + "' changed");
                }
            }
            if (variant == null) {
                return;
            }
            kase.recordChange("variant '" + variant.name() + "'", () -> release(kase));
            boolean kept = variant.name().equals(ledger.applied());
            ledger.applied(variant.name());
            if (variant.changesNothing()) {
                log.note("variant '" + variant.name() + "': the cluster's network as found"
                        + (variant.balance() == null ? "" : "; balancer " + variant.balance().describe()));
                return;
            }
            VariantSetter setter = new VariantSetter(run, ledger, kase.id());
            List<String> checked = setter.apply(variant, run.pair(kase.plan().vmSpec().name()));
            if (!setter.made().isEmpty()) {
                log.note("variant '" + variant.name() + "' (" + variant.settings() + "): " + String.join(", ",
                        setter.made()));
            }
            log.note((kept ? "kept from the previous case, " : "") + "read back on " + checked.size()
                    + " devices: " + String.join(", ", checked));
        });
    }

    /**
     * The case's undo entry: keeps the variant for the next case when that is safe, else
     * puts back everything variants changed.
     *
     * @throws VariantNotAppliedException naming what could not be put back
     */
    static void release(CaseContext kase) {
        RunContext run = kase.run();
        if (keep(kase)) {
            return;
        }
        List<String> left = run.variantLedger().restoreAll(kase.id());
        if (!left.isEmpty()) {
            throw new VariantNotAppliedException("what variants changed is not all back: " + String.join("; ", left));
        }
    }

    /** Keep only for a case that ended well, in a run that goes on, when the next case wants the same variant. */
    static boolean keep(CaseContext kase) {
        RunContext run = kase.run();
        if (kase.brokenReason() != null || run.stopRequested() || kase.plan().variant() == null) {
            return false;
        }
        List<CaseContext> cases = run.getCases();
        if (kase.index() >= cases.size()) {
            return false;
        }
        CasePlan next = cases.get(kase.index()).plan();
        return next.variant() != null && next.variant().name().equals(kase.plan().variant().name());
    }
}
