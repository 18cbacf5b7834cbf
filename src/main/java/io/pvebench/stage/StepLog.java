package io.pvebench.stage;

import io.pvebench.run.Attachment;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stage says about its own step while it runs: files it kept beyond the raw
 * command outputs, and, for stages that must not throw (teardown), why it broke.
 * Used by one stage on one thread.
 */
public final class StepLog {

    private final List<Attachment> attachments = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public void attach(List<Attachment> more) {
        attachments.addAll(more);
    }

    /** Records a problem without ending the stage; the step ends broken with these reasons. */
    public void problem(String reason) {
        problems.add(reason);
    }

    /** Records something a reader of the step should know that is not a fault (a check that could not run). */
    public void note(String text) {
        notes.add(text);
    }

    List<String> notes() {
        return notes;
    }

    List<Attachment> attachments() {
        return attachments;
    }

    List<String> problems() {
        return problems;
    }
}
