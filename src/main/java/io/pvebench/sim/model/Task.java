package io.pvebench.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One Proxmox task (worker) of the twin: its {@link Upid}, the lines of its task log and,
 * once it has ended, its end time and exit status. A task is {@code running} until
 * {@link #finish()} or {@link #fail(String)}; meanwhile anyone may append log lines, in
 * model time, and clients polling {@code /nodes/{node}/tasks/{upid}/status} and
 * {@code .../log} see them as they come. This is the seam for every long operation
 * (clone, migration, HA): create the task with {@link Tasks#start}, log, then end it.
 *
 * <p>End markers and exit status follow pve-common {@code RESTEnvironment.pm}
 * ({@code fork_worker}, {@code $tee_worker}) and {@code UPID.pm} ({@code read_status}):
 * the last log line is {@code TASK OK}, {@code TASK WARNINGS: <n>} or {@code TASK ERROR:
 * <msg>} (newlines in the message become spaces), and the exit status is {@code OK},
 * {@code WARNINGS: <n>} or the message. A task run synchronously from a CLI ({@code qm
 * start} over SSH) gets an empty line before a WARNINGS or ERROR marker, because the
 * CLI's tee writes {@code "\n$readbuf"} "to start on a new line for the web UI".
 *
 * <p>Thread-safe.
 */
public final class Task {

    private final Upid upid;
    private final ModelClock clock;
    private final boolean cli;
    private final LongSupplier archiveSeq;
    private final List<String> lines = new ArrayList<>();
    private int warnings;
    private Instant end;
    private String exitStatus;
    private long archived;

    Task(Upid upid, ModelClock clock, boolean cli, LongSupplier archiveSeq) {
        this.upid = upid;
        this.clock = clock;
        this.cli = cli;
        this.archiveSeq = archiveSeq;
    }

    public Upid upid() {
        return upid;
    }

    /** Appends one or more lines (split at newlines) to the log; ignored once the task ended. */
    public synchronized void log(String text) {
        if (end != null) {
            return;
        }
        lines.addAll(List.of(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
    }

    /** {@code log_warn}: logs {@code WARN: <message>} and counts a warning. */
    public synchronized void warn(String message) {
        log("WARN: " + message);
        if (end == null) {
            warnings++;
        }
    }

    public synchronized int warnings() {
        return warnings;
    }

    /** Ends the task with {@code TASK OK}, or {@code TASK WARNINGS: n} after warnings. */
    public synchronized void finish() {
        if (warnings > 0) {
            end("WARNINGS: " + warnings, "TASK WARNINGS: " + warnings);
        } else {
            end("OK", "TASK OK");
        }
    }

    /** Ends the task with {@code TASK ERROR: <error>}, as a worker that died. */
    public synchronized void fail(String error) {
        String message = error.strip().replace('\n', ' ');
        end(message, "TASK ERROR: " + message);
    }

    private void end(String status, String marker) {
        if (end != null) {
            return;
        }
        if (cli && !status.equals("OK")) {
            lines.add("");
        }
        lines.add(marker);
        exitStatus = status;
        end = clock.now();
        archived = archiveSeq.getAsLong();
        notifyAll();
    }

    public synchronized boolean running() {
        return end == null;
    }

    /** {@code OK}, {@code WARNINGS: n} or the error text; empty while running. */
    public synchronized Optional<String> exitStatus() {
        return Optional.ofNullable(exitStatus);
    }

    public synchronized Optional<Instant> endTime() {
        return Optional.ofNullable(end);
    }

    /** The log so far, one entry per line, the end marker last once ended. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines a synchronous CLI printed on stdout: the log without the end marker. */
    public synchronized List<String> output() {
        List<String> out = new ArrayList<>(lines);
        if (end != null) {
            out.remove(out.size() - 1);
            if (cli && !exitStatus.equals("OK")) {
                out.remove(out.size() - 1);
            }
        }
        return out;
    }

    /**
     * Waits until the task has ended or {@code modelTimeout} has passed in model time;
     * true if it ended.
     */
    public synchronized boolean awaitEnd(Duration modelTimeout) throws InterruptedException {
        long deadline = System.nanoTime() + clock.wallDuration(modelTimeout).toNanos();
        while (end == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Order in the node's task archive (finished tasks); 0 while running. */
    synchronized long archived() {
        return archived;
    }
}
