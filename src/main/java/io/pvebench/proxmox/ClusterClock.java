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

    /**
     * The clock of a cluster reached over SSH, read from one of its nodes: the node's time
     * at the midpoint of the read, running at {@code pace} from there. This also takes up
     * the skew between this machine's clock and the cluster's, so what pvebench stamps and
     * what the cluster's tools stamp lie on one axis.
     */
    public static ClusterClock readFrom(ClusterPort cluster, String node, Clock wall, double pace) {
        Instant before = wall.instant();
        Instant clusterAt = cluster.time(node);
        Instant after = wall.instant();
        Instant wallAt = before.plus(Duration.between(before, after).dividedBy(2));
        return new ClusterClock(new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException("a cluster clock is UTC");
            }

            @Override
            public Instant instant() {
                long wallNanos = Duration.between(wallAt, wall.instant()).toNanos();
                return clusterAt.plusNanos(Math.round(wallNanos * pace));
            }
        }, pace);
    }

    /** How far the cluster's clock is ahead of {@code wall} right now (negative: behind). */
    public Duration offsetFrom(Clock wall) {
        return Duration.between(wall.instant(), now());
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
