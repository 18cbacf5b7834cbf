package io.pvebench.stage;

import io.pvebench.run.Attachment;
import io.pvebench.run.RunFolder;
import io.pvebench.ssh.CommandResult;
import io.pvebench.ssh.RemoteShell;
import io.pvebench.ssh.SshException;
import io.pvebench.ssh.SshHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RemoteShell} that keeps every command's raw output in the run folder, filed
 * under the case and stage that are current, so a run can be re-assessed offline.
 *
 * <p>Stages of a run execute one at a time, so the current scope is one field; commands
 * running in parallel within a stage are safe (the folder is thread-safe and the
 * attachment list synchronised).
 */
public final class RecordingShell implements RemoteShell {

    private final RemoteShell delegate;
    private final RunFolder folder;
    private volatile String scope = "run";
    private volatile String stage = "setup";
    private final List<Attachment> attachments = new ArrayList<>();
    /** Set on a thread that keeps its own record of what it runs (a sampler), so nothing is filed twice. */
    private final ThreadLocal<Boolean> unrecorded = ThreadLocal.withInitial(() -> false);

    public RecordingShell(RemoteShell delegate, RunFolder folder) {
        this.delegate = delegate;
        this.folder = folder;
    }

    @Override
    public CommandResult run(SshHost host, String command, Duration timeout) {
        if (unrecorded.get()) {
            return delegate.run(host, command, timeout);
        }
        try {
            CommandResult result = delegate.run(host, command, timeout);
            List<Attachment> saved = folder.saveRaw(scope, stage, title(command), result);
            synchronized (attachments) {
                attachments.addAll(saved);
            }
            return result;
        } catch (SshException e) {
            folder.saveFailedCommand(scope, stage, host.name(), command, e.getMessage());
            throw e;
        }
    }

    /**
     * Runs {@code work} with this thread's commands not filed: for a caller that keeps the
     * raw outputs itself, in one file rather than one per command.
     */
    <T> T withoutRecording(java.util.function.Supplier<T> work) {
        unrecorded.set(true);
        try {
            return work.get();
        } finally {
            unrecorded.remove();
        }
    }

    /** Files the following commands under {@code scope} (a case id, or {@code run}) and {@code stage}. */
    void enter(String newScope, String newStage) {
        this.scope = newScope;
        this.stage = newStage;
    }

    /** The attachments saved since the last call. */
    List<Attachment> drainAttachments() {
        synchronized (attachments) {
            List<Attachment> out = List.copyOf(attachments);
            attachments.clear();
            return out;
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** The first words of a command, enough to recognise it in a file name. */
    private static String title(String command) {
        String[] words = command.replace("'", "").split("\\s+");
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            if (out.length() + word.length() > 48) {
                break;
            }
            out.append(out.length() == 0 ? "" : " ").append(word);
        }
        return out.toString();
    }
}
