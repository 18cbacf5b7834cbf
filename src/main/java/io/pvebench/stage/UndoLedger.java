package io.pvebench.stage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Changes made to the cluster, each written down before it is made together with the
 * action that takes it back, so that whoever cleans up (a case's teardown, the end of the
 * run) undoes it even when the change itself failed halfway or the run was stopped. An
 * undo must therefore cope with a change that never happened. Thread-safe.
 */
public final class UndoLedger {

    /** Something a stage changed (or is about to change), with the action that puts it back. */
    public record Undo(String description, Runnable action) {
    }

    private final Deque<Undo> entries = new ArrayDeque<>();

    /** Records a change; call it before making the change. */
    public synchronized void record(String description, Runnable undo) {
        entries.push(new Undo(description, undo));
    }

    /** Records a change and returns its entry, for a caller that may undo it early ({@link #forget}). */
    synchronized Undo recordEntry(String description, Runnable undo) {
        Undo entry = new Undo(description, undo);
        entries.push(entry);
        return entry;
    }

    /** Drops an entry its maker has undone already; false when it was not there (undone by cleanup). */
    synchronized boolean forget(Undo entry) {
        return entries.removeIf(e -> e == entry);
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Takes the entries, newest first, leaving the ledger empty (undoing twice does no harm). */
    synchronized List<Undo> take() {
        List<Undo> out = new ArrayList<>(entries);
        entries.clear();
        return out;
    }

    /**
     * Undoes every change, newest first. An undo that throws is reported to {@code problems}
     * as {@code could not undo <description>: <reason>} and the others still run. Never throws
     * for a failed undo.
     */
    void undoAll(Consumer<String> problems) {
        for (Undo undo : take()) {
            try {
                undo.action().run();
            } catch (RuntimeException e) {
                problems.accept("could not undo " + undo.description() + ": " + Faults.describe(e));
            }
        }
    }
}
