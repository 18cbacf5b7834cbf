package io.pvebench.proxmox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The cluster's own time: what its nodes and guests stamp their outputs with (ping -D,
 * iperf3's timestamps, task logs), and how fast it runs against the wall clock. A real
 * cluster runs at pace 1; the embedded twin runs {@code pace} times faster. Stages pace
 * their measurements (sample every second, warm up for 15 s) in cluster time and stamp
 * the values they read themselves with it, so a case's samples and phases share one
 * time axis whatever the cluster. Thread-safe (immutable).
 *
 * @param clock what {@link #now()} reads
 * @param pace  cluster seconds per wall second; positive
 */
public record ClusterClock(Clock clock, double pace) {

    public ClusterClock {
        Objects.requireNonNull(clock, "clock");
        if (!(pace > 0) || Double.isInfinite(pace)) {
            throw new IllegalArgumentException("pace must be positive and finite: " + pace);
        }
    }

    /** A real cluster: its time is the wall clock's. */
    public static ClusterClock realTime(Clock wall) {
        return new ClusterClock(wall, 1);
    }

    public Instant now() {
        return clock.instant();
    }

    /** How long {@code clusterTime} lasts on the wall clock. */
    public Duration wallDuration(Duration clusterTime) {
        return Duration.ofNanos(Math.round(clusterTime.toNanos() / pace));
    }

    /** Blocks until {@code clusterTime} has passed on the cluster. */
    public void sleep(Duration clusterTime) throws InterruptedException {
        long nanos = wallDuration(clusterTime).toNanos();
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }

    /** Blocks until the cluster's clock reads {@code instant} (returns at once if it is past). */
    public void sleepUntil(Instant instant) throws InterruptedException {
        Duration left = Duration.between(now(), instant);
        if (!left.isNegative()) {
            sleep(left);
        }
    }
}
