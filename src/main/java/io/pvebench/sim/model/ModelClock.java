package io.pvebench.sim.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The twin's clock: model time runs {@code timeScale} times faster than wall time,
 * starting at the wall clock's instant when the twin starts. Every timestamp the twin
 * prints comes from here. Thread-safe (immutable).
 */
public final class ModelClock {

    private final Clock wall;
    private final Instant start;
    private final double timeScale;

    public ModelClock(Clock wall, double timeScale) {
        this.wall = wall;
        this.start = wall.instant();
        this.timeScale = timeScale;
    }

    public Instant now() {
        long wallNanos = Duration.between(start, wall.instant()).toNanos();
        return start.plusNanos(Math.round(wallNanos * timeScale));
    }

    /** Model seconds per wall second. */
    public double timeScale() {
        return timeScale;
    }

    /** Model time as a {@link Clock}, for code outside the twin that stamps what it reads from it. */
    public Clock asClock() {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException("the model clock is UTC");
            }

            @Override
            public Instant instant() {
                return now();
            }
        };
    }

    public Instant start() {
        return start;
    }

    /** How long to wait in wall time for {@code modelTime} to pass. */
    public Duration wallDuration(Duration modelTime) {
        return Duration.ofNanos(Math.round(modelTime.toNanos() / timeScale));
    }

    /**
     * Blocks until {@code modelTime} has passed in the model. Interruptible: a failed node
     * interrupts the commands it was running.
     */
    public void sleep(Duration modelTime) throws InterruptedException {
        long nanos = wallDuration(modelTime).toNanos();
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }
}
