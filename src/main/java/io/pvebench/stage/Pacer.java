package io.pvebench.stage;

import io.pvebench.proxmox.ClusterClock;
import java.time.Duration;
import java.time.Instant;

/**
 * Lets a background thread wait for a moment of cluster time, and lets another thread
 * end every such wait at once. Waits are not interruptions: a thread stopped this way
 * finishes the command it is running, which keeps shared SSH sessions intact.
 */
final class Pacer {

    private final ClusterClock clock;
    private boolean stopped;

    Pacer(ClusterClock clock) {
        this.clock = clock;
    }

    /** Waits until the cluster clock reads {@code t}; false when stopped first (or interrupted). */
    synchronized boolean waitUntil(Instant t) {
        while (!stopped) {
            Duration left = clock.wallDuration(Duration.between(clock.now(), t));
            if (left.isNegative() || left.isZero()) {
                return true;
            }
            try {
                wait(Math.max(1, left.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    synchronized boolean stopped() {
        return stopped;
    }
}
