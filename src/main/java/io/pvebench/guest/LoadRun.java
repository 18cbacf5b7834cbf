package io.pvebench.guest;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One stress-ng process of a load: started {@code offset} after the load starts, it ends
 * by itself after {@code length} (its {@code --timeout}) unless stopped before.
 *
 * @param name       {@code steady}, or {@code burst N} for the N-th burst
 * @param offset     when it starts, after the load's start
 * @param length     how long it runs at most
 * @param cpuPercent the guest CPU it adds, as a share of all vCPUs
 * @param argv       the command run in the guest
 */
public record LoadRun(String name, Duration offset, Duration length, double cpuPercent, List<String> argv) {

    public LoadRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(length, "length");
        argv = List.copyOf(argv);
    }

    /** Whether it runs at {@code t} after the load's start. */
    public boolean runsAt(Duration t) {
        return t.compareTo(offset) >= 0 && t.compareTo(offset.plus(length)) < 0;
    }

    public Duration end() {
        return offset.plus(length);
    }
}
