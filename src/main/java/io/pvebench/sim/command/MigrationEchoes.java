package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.VmInfo;

import java.time.Instant;

/**
 * What live migrations do to the echoes a probe program (fping, ping) exchanges between two
 * guests. The program draws its echoes' round trips when it starts, from the load of that
 * moment; it asks this only when its output is worked out, after its end, so that a
 * migration begun during the run counts as much as one already under way at its start.
 */
final class MigrationEchoes {

    /** Marks an echo that met a guest paused for its switch-over: it is never answered. */
    static final long LOST = -1;

    private final ClusterModel model;
    private final VmInfo from;
    private final VmInfo to;
    private final Instant start;

    /** Echoes from {@code from} to {@code to} of a program that started at {@code start}. */
    MigrationEchoes(ClusterModel model, VmInfo from, VmInfo to, Instant start) {
        this.model = model;
        this.from = from;
        this.to = to;
        this.start = start;
    }

    /**
     * The round trip of the echo sent {@code sentNanos} after the start whose round trip at the
     * start was drawn as {@code plannedNanos}: longer by a migration's start spike, or
     * {@link #LOST} when either guest was paused then (or when it was lost anyway).
     */
    long roundTripNanos(long sentNanos, long plannedNanos) {
        if (plannedNanos == LOST) {
            return LOST;
        }
        Instant sentAt = start.plusNanos(sentNanos);
        if (model.migrationBlackout(from, to, sentAt)) {
            return LOST;
        }
        return plannedNanos + model.migrationDelayMicros(from, to, sentAt) * 1_000;
    }

    /** {@link #roundTripNanos} in microseconds. */
    long roundTripMicros(long sentMicros, long plannedMicros) {
        long nanos = roundTripNanos(sentMicros * 1_000, plannedMicros == LOST ? LOST : plannedMicros * 1_000);
        return nanos == LOST ? LOST : nanos / 1_000;
    }
}
