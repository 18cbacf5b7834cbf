package io.pvebench.sim.model;

import java.time.Duration;
import java.time.Instant;

/**
 * One live migration as the twin ran it: the truth a probe-based measurement is checked
 * against. Immutable. The VM is paused (no packet to or from it gets through) from
 * {@code switchover} for {@code downtime}; before that its vCPUs are throttled as
 * {@link LiveMigration.Plan#throttles()} says, and the stream of {@code bytesPerSecond}
 * loads the link between the two nodes.
 *
 * @param start the instant of QEMU's {@code migrate} command (the log's {@code start migrate command})
 * @param end   the instant qemu-server saw the migration completed
 */
public record MigrationRecord(int vmid, String source, String target, Instant start, Instant switchover,
                              Duration downtime, Instant end, double bytesPerSecond, LiveMigration.Plan plan) {

    public MigrationRecord(int vmid, String source, String target, Instant start, double bytesPerSecond,
                           LiveMigration.Plan plan) {
        this(vmid, source, target, start, start.plus(plan.switchover()), plan.downtime(),
                start.plus(plan.last().at()), bytesPerSecond, plan);
    }

    /** When the VM runs again, on the target. */
    public Instant resumed() {
        return failed() ? Instant.MAX : switchover.plus(downtime);
    }

    /** Whether the VM is paused at {@code at}. */
    public boolean blackout(Instant at) {
        return !at.isBefore(switchover) && at.isBefore(resumed());
    }

    /** Whether RAM is being copied at {@code at} (the stream loads the link). */
    public boolean copying(Instant at) {
        return !at.isBefore(start) && at.isBefore(resumed()) && at.isBefore(end);
    }

    /** Whether the migration failed before the switch-over: then the VM never paused. */
    public boolean failed() {
        return switchover.equals(Instant.MAX);
    }

    /** This migration as it ended when it failed at {@code at}: no switch-over, no pause. */
    public MigrationRecord failedAt(Instant at) {
        return new MigrationRecord(vmid, source, target, start, Instant.MAX, Duration.ZERO, at, bytesPerSecond, plan);
    }

    /** The auto-converge throttle of the guest's vCPUs at {@code at}, 0..1. */
    public double throttleAt(Instant at) {
        if (at.isBefore(start) || !at.isBefore(switchover) || !at.isBefore(end)) {
            return 0;
        }
        return plan.throttleAt(Duration.between(start, at));
    }

    /**
     * Extra round-trip time of the VM's packets at {@code at}, microseconds: the short spike
     * when the migration starts (the first pass competes with the guest for the source
     * node's memory bandwidth and NIC queues), fading over the first second.
     */
    public long startSpikeMicros(Instant at) {
        long sinceStart = Duration.between(start, at).toNanos();
        if (sinceStart < 0 || sinceStart >= 1_000_000_000L) {
            return 0;
        }
        return Math.round(6_000 * (1 - sinceStart / 1e9));
    }
}
