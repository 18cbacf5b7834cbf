package io.pvebench.run;

import java.time.Instant;
import java.util.Objects;

/**
 * A named stretch of a case's timeline ({@code warmup}, {@code iperf3 forward},
 * {@code latency}, ...), on the same clock as the case's samples, so charts can shade it
 * and statistics can leave it out.
 *
 * @param name  what happened in it, as a person reads it
 * @param start inclusive
 * @param end   exclusive; not before {@code start}
 */
public record Phase(String name, Instant start, Instant end) {

    public Phase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("phase '" + name + "' ends " + end + " before it starts " + start);
        }
    }

    /** Whether {@code t} lies in {@code [start, end)}. */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
