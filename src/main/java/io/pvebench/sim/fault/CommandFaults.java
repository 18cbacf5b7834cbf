package io.pvebench.sim.fault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SSH-side faults of one simulated node: a delay added to every command, and
 * commands that fail with a given exit code and stderr instead of running. A command
 * fails when its line starts with a registered prefix (the longest matching prefix wins).
 * Thread-safe: changes are seen by the next command that starts.
 */
public final class CommandFaults {

    /** What a failed command answers. */
    public record Failure(int exitCode, String stderr) {
    }

    private volatile Duration delay = Duration.ZERO;
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    /** Every command on the node takes {@code extra} longer (model time); zero heals. */
    public void slow(Duration extra) {
        if (extra.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + extra);
        }
        delay = extra;
    }

    public Duration delay() {
        return delay;
    }

    /** Commands whose line starts with {@code prefix} exit {@code exitCode} printing {@code stderr}. */
    public void fail(String prefix, int exitCode, String stderr) {
        failures.put(prefix, new Failure(exitCode, stderr == null ? "" : stderr));
    }

    /** The failure a command line gets, if any. */
    public Optional<Failure> failureFor(String line) {
        String trimmed = line.strip();
        return failures.entrySet().stream()
                .filter(e -> trimmed.startsWith(e.getKey()))
                .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
                .map(Map.Entry::getValue);
    }

    /** Heals every command fault. */
    public void clear() {
        delay = Duration.ZERO;
        failures.clear();
    }
}
