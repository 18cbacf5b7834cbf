package io.pvebench.stage;

import io.pvebench.run.RunFolder;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's ledger of what configuration variants changed on the cluster, so that every
 * change is put back exactly: each entry is written down, with the value read before it,
 * before the change is made. A variant stays applied across consecutive cases that share
 * it (its changes outlive the case that made them), so this ledger belongs to the run;
 * each case's own ledger holds one entry that decides at teardown whether to keep it or
 * put it back ({@link ConfigureStage}). Every change and restore is also appended to
 * {@code raw/run/variants.jsonl}, so a person can put back by hand what a run that died
 * could not. Used by one stage at a time.
 */
final class VariantLedger {

    static final String JOURNAL = "variants.jsonl";

    /** One change: what it was, and how to put back the value read before it. */
    private record Change(String what, String restoreWhat, Runnable restore) {
    }

    private final RunFolder folder;
    private final Clock clock;
    private final Deque<Change> changes = new ArrayDeque<>();
    private String applied;

    VariantLedger(RunFolder folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    /** The name of the variant whose settings are in place, or null: the cluster as found. */
    String applied() {
        return applied;
    }

    void applied(String variant) {
        this.applied = variant;
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }

    /**
     * Writes a change down before it is made.
     *
     * @param what        {@code pve1 vmbr0 mtu 1500 -> 9000}
     * @param restoreWhat {@code pve1 vmbr0 mtu 9000 -> 1500}
     * @param restore     puts back the value read before; throws when it cannot
     */
    void record(String scope, String what, String restoreWhat, Runnable restore) {
        changes.push(new Change(what, restoreWhat, restore));
        journal(scope, "change", what, null);
    }

    /**
     * Puts back every change, newest first. A change that cannot be put back stays in the
     * ledger (a later call tries again) and is returned with the reason.
     */
    List<String> restoreAll(String scope) {
        List<Change> failed = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        while (!changes.isEmpty()) {
            Change c = changes.pop();
            try {
                c.restore().run();
                journal(scope, "restored", c.restoreWhat(), null);
            } catch (RuntimeException e) {
                failed.add(c);
                reasons.add(c.restoreWhat() + ": " + Faults.describe(e));
                journal(scope, "restore failed", c.restoreWhat(), Faults.describe(e));
            }
        }
        for (int i = failed.size() - 1; i >= 0; i--) {
            changes.push(failed.get(i));
        }
        if (changes.isEmpty()) {
            applied = null;
        }
        return reasons;
    }

    /** What is changed now, oldest first: {@code pve1 vmbr0 mtu 1500 -> 9000}. */
    List<String> changed() {
        List<String> out = new ArrayList<>();
        changes.descendingIterator().forEachRemaining(c -> out.add(c.what()));
        return out;
    }

    private void journal(String scope, String event, String what, String error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", clock.instant().toString());
        line.put("scope", scope);
        line.put("event", event);
        line.put("variant", applied);
        line.put("what", what);
        if (error != null) {
            line.put("error", error);
        }
        folder.appendRaw("run", JOURNAL, line);
    }
}
