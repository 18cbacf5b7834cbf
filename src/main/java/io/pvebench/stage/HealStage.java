package io.pvebench.stage;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first stage of every run: heals the faults an earlier pvebench injected into this cluster
 * and could not undo because it was killed (its heal journal, {@link HealJournal}). Each is
 * undone, the cluster waited for until it is whole, and the entry struck; a fault that cannot
 * be healed stops the run before it measures a cluster that is not as it should be, with what
 * to do by hand. Nothing to do for the embedded twin, which no earlier run outlives.
 */
public final class HealStage {

    public static final String NAME = "heal";

    /** How long healing one fault may take, a node's reboot included. */
    static final Duration WITHIN = Duration.ofMinutes(10);

    public void run(RunContext run) {
        run.healJournal().ifPresent(journal -> heal(run, journal));
    }

    private static void heal(RunContext run, HealJournal journal) {
        List<HealJournal.Entry> pending = journal.pending();
        if (pending.isEmpty()) {
            return;
        }
        run.shell().enter("run", NAME);
        Map<String, String> facts = new LinkedHashMap<>();
        for (HealJournal.Entry entry : pending) {
            String what = "'" + entry.change() + "' left by run " + entry.runId() + " (" + entry.recordedAt() + ")";
            run.warn(NAME, "healing " + what + ", which that run could not undo");
            FaultHealing.heal(run, entry.change(), entry.heals(), WITHIN);
            journal.close(entry.id());
            facts.put("healed " + entry.id().substring(0, 8), what);
        }
        run.publishEnvironment(facts);
    }
}
