package io.pvebench.stage;

/**
 * A fault a stage injected, recorded in its case's ledger (and the cluster's heal journal): the
 * stage heals it as soon as it has measured, and teardown heals it if the stage did not get that
 * far. Healing twice does nothing the second time.
 */
public final class InjectedFault {

    private final UndoLedger ledger;
    private final UndoLedger.Undo entry;

    InjectedFault(UndoLedger ledger, UndoLedger.Undo entry) {
        this.ledger = ledger;
        this.entry = entry;
    }

    /**
     * Heals it now, unless teardown has already.
     *
     * @throws HealFailedException when it cannot be healed (the entry stays for teardown to try again)
     */
    public void heal() {
        synchronized (this) {
            if (!ledger.forget(entry)) {
                return;
            }
        }
        try {
            entry.action().run();
        } catch (RuntimeException e) {
            ledger.record(entry.description(), entry.action());
            throw e;
        }
    }
}
