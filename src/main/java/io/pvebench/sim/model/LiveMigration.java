package io.pvebench.sim.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * QEMU's pre-copy live migration of one VM's RAM as qemu-server's {@code phase2} sees it:
 * a pure planner, stateless and thread-safe; the same inputs and seed give the same plan.
 *
 * <p>The model, stepped every 10 ms of model time from the {@code migrate} QMP command:
 * <ul>
 * <li>The first pass walks all configured memory. Only the guest's used memory holds
 * non-zero pages; QEMU sends a zero page as a header of about 8 bytes, so the first pass of
 * a mostly idle guest sends its used memory, not its configured size. {@code remaining}
 * counts the pages not walked yet, later what the current pass has still to send, as
 * {@code query-migrate} does.</li>
 * <li>Meanwhile the guest dirties memory at its load's rate (±10 % per step), throttled by
 * auto-converge; the dirty set is capped at the used memory (a page dirtied twice is sent
 * once). After the first pass each step sends from the dirty set.</li>
 * <li>At the end of each pass the dirty set becomes the next pass ({@code migration_bitmap_sync});
 * {@code remaining} then jumps up, which is what qemu-server's downtime counter sees.</li>
 * <li>Auto-converge (QEMU {@code mig_throttle_guest_down}): at a sync at least a second after
 * the last check, if the guest dirtied more than half of what was sent since
 * ({@code throttle-trigger-threshold} 50), a counter goes up; at two the vCPUs are
 * throttled: 20 % first, then +10 % each time, at most 99 %. A throttled guest dirties and
 * works that much less.</li>
 * <li>Switch-over when the rest of the pass plus the new dirty set can be sent within the
 * downtime limit at the stream's rate: the VM pauses, the rest is sent, the device state follows; the pause is
 * {@link Plan#downtime()}.</li>
 * <li>qemu-server polls {@code query-migrate} every second, every 100 ms once the remaining
 * bytes are below the average transferred per poll (then it logs every tenth poll); when the
 * remaining bytes grew (or were 0) at more than five polls it doubles the downtime limit
 * ({@code increase_migrate_downtime}, capped at 2 000 000 ms).</li>
 * </ul>
 * Load is taken as it is when the migration starts; a load started later does not change
 * the plan.
 */
public final class LiveMigration {

    /** QEMU's {@code MAX_MIGRATE_DOWNTIME} in ms, qemu-server's {@code $migrate_downtime_max}. */
    public static final long DOWNTIME_MAX_MS = 2_000_000;
    private static final long STEP_NANOS = 10_000_000;
    private static final double ZERO_PAGE_COST = 8.0 / 4096;
    /** How fast QEMU finds zero pages (buffer_is_zero on one migration thread), bytes/s: a model number. */
    private static final double ZERO_SCAN_BYTES_PER_SECOND = 12.0 * (1L << 30);
    /** CPU and device state sent while paused, and the switch of the run state on both ends: a model number. */
    private static final long DEVICE_STATE_BYTES = 1L << 20;
    private static final Duration MAX_DURATION = Duration.ofHours(6);

    private LiveMigration() {
    }

    /**
     * What the migration starts from.
     *
     * @param memoryBytes        configured guest memory ({@code ram.total})
     * @param usedBytes          guest memory in use (non-zero pages), at most {@code memoryBytes}
     * @param dirtyBytesPerSecond what the unthrottled guest dirties per second
     * @param bytesPerSecond     what the migration stream carries per second (link, tunnel, bwlimit)
     * @param downtimeLimitMs    the downtime limit qemu-server sets first
     */
    public record Params(long memoryBytes, long usedBytes, double dirtyBytesPerSecond, double bytesPerSecond,
                         long downtimeLimitMs) {
    }

    /** One {@code query-migrate} poll of qemu-server: when, what it saw, whether it logged. */
    public record Poll(Duration at, long transferred, long total, long remaining, double speed, double dirtyRate,
                       boolean logged, long increasedDowntimeMs, boolean completed) {
    }

    /** From {@code at} on, the guest's vCPUs are throttled by {@code fraction} (0..1). */
    public record Throttle(Duration at, double fraction) {
    }

    /**
     * The plan, every offset measured from the {@code migrate} QMP command.
     *
     * @param switchover  when the VM pauses
     * @param downtime    how long it stays paused
     * @param transferred RAM bytes sent in all
     */
    public record Plan(List<Poll> polls, List<Throttle> throttles, Duration switchover, Duration downtime,
                       long transferred, long total, long finalDowntimeLimitMs) {

        /** The throttle at an offset, 0 before the first step and after the switch-over. */
        public double throttleAt(Duration offset) {
            if (offset.compareTo(switchover) >= 0) {
                return 0;
            }
            double t = 0;
            for (Throttle step : throttles) {
                if (step.at().compareTo(offset) <= 0) {
                    t = step.fraction();
                }
            }
            return t;
        }

        /** The poll that saw the migration completed. */
        public Poll last() {
            return polls.get(polls.size() - 1);
        }
    }

    public static Plan plan(Params p, Random random) {
        double step = STEP_NANOS / 1e9;
        double used = Math.min(p.usedBytes(), p.memoryBytes());
        double usedFraction = used / p.memoryBytes();
        double scanCost = usedFraction + (1 - usedFraction) * ZERO_PAGE_COST;
        double unscanned = p.memoryBytes();
        double dirty = 0;
        double pass = 0;
        long lastSyncNanos = 0;
        double lastSyncDirtyRate = 0;
        double transferred = 0;
        double throttle = 0;
        long limitMs = p.downtimeLimitMs();
        List<Poll> polls = new ArrayList<>();
        List<Throttle> throttles = new ArrayList<>();
        // auto-converge bookkeeping, per second after the first pass
        double secondDirtied = 0;
        double secondSent = 0;
        int highCount = 0;
        long nextCheck = -1;
        // qemu-server's poll loop
        long pollInterval = 1_000_000_000L;
        long nextPoll = pollInterval;
        int i = 0;
        double lastTransferred = 0;
        long lastPollNanos = 0;
        long lastRem = -1;
        int downtimeCounter = 0;
        double speedWindowSent = 0;
        double speed = 0;
        double avgAtLoopStart = 0;
        Duration switchover = null;
        Duration downtime = null;
        for (long now = 0; ; now += STEP_NANOS) {
            if (now > MAX_DURATION.toNanos()) {
                throw new IllegalStateException("migration plan does not end");
            }
            if (switchover == null) {
                double rate = p.bytesPerSecond() * (0.94 + 0.12 * random.nextDouble());
                double capacity = rate * step;
                double dirtyRate = p.dirtyBytesPerSecond() * (1 - throttle) * (0.9 + 0.2 * random.nextDouble());
                double sent;
                double newlyDirty;
                if (unscanned > 0) {
                    double walked = Math.min(unscanned, Math.min(capacity / scanCost, ZERO_SCAN_BYTES_PER_SECOND * step));
                    sent = walked * scanCost;
                    unscanned -= walked;
                    // only pages behind the walk must be sent again
                    double scanned = 1 - unscanned / p.memoryBytes();
                    newlyDirty = Math.min(used * scanned - dirty, dirtyRate * step * scanned);
                } else {
                    sent = Math.min(pass, capacity);
                    pass -= sent;
                    newlyDirty = Math.min(used - dirty, dirtyRate * step);
                }
                newlyDirty = Math.max(0, newlyDirty);
                dirty += newlyDirty;
                transferred += sent;
                speedWindowSent += sent;
                secondSent += sent;
                secondDirtied += newlyDirty;
                if (unscanned <= 0 && nextCheck < 0) {
                    nextCheck = now + 1_000_000_000L;
                    secondDirtied = 0;
                    secondSent = 0;
                }
                double threshold = p.bytesPerSecond() * limitMs / 1000.0;
                if (unscanned <= 0 && pass + dirty <= threshold) {
                    // QEMU syncs the dirty log once the pending estimate is below the threshold, then stops the VM
                    double remaining = pass + dirty;
                    switchover = Duration.ofNanos(now + STEP_NANOS);
                    double pausedSeconds = (remaining + DEVICE_STATE_BYTES) / p.bytesPerSecond()
                            + 0.004 + 0.006 * random.nextDouble();
                    downtime = Duration.ofMillis(Math.max(1, Math.round(pausedSeconds * 1000)));
                    transferred += remaining + DEVICE_STATE_BYTES;
                    pass = 0;
                    dirty = 0;
                } else if (unscanned <= 0 && pass <= 0) {
                    // end of a pass: the dirty log becomes the next pass (migration_bitmap_sync)
                    pass = dirty;
                    dirty = 0;
                    lastSyncDirtyRate = now > lastSyncNanos
                            ? pass / ((now - lastSyncNanos) / 1e9) : lastSyncDirtyRate;
                    lastSyncNanos = now;
                    if (now >= nextCheck) {
                        // mig_throttle_guest_down, at most once a second of syncs
                        if (secondDirtied > 0.5 * secondSent && ++highCount >= 2) {
                            highCount = 0;
                            // QEMU counts whole percents: cpu-throttle-initial 20, cpu-throttle-increment 10
                            throttle = (throttle == 0 ? 20 : Math.min(99, Math.round(throttle * 100) + 10)) / 100.0;
                            throttles.add(new Throttle(Duration.ofNanos(now), throttle));
                        }
                        secondDirtied = 0;
                        secondSent = 0;
                        nextCheck = now + 1_000_000_000L;
                    }
                }
            }
            long t = now + STEP_NANOS;
            if (t < nextPoll) {
                continue;
            }
            // one turn of phase2's loop: the poll now, then the sleep decided by it
            i++;
            boolean completed = switchover != null
                    && t >= switchover.plus(downtime).toNanos();
            // query-migrate's remaining: what the current pass (or the first walk) has still to send
            long rem = completed ? 0 : Math.round(unscanned > 0 ? unscanned : pass);
            if (!completed && switchover != null) {
                nextPoll = t + STEP_NANOS; // paused: QEMU answers only after the switch-over, status active
                i--;
                continue;
            }
            double window = (t - lastPollNanos) / 1e9;
            speed = window > 0 ? speedWindowSent / window : speed;
            speedWindowSent = 0;
            lastPollNanos = t;
            long increased = 0;
            boolean logged = false;
            double dirtyNow = lastSyncDirtyRate;
            if (!completed && Math.round(transferred) != Math.round(lastTransferred)) {
                if (avgAtLoopStart > 0 && rem < avgAtLoopStart) {
                    pollInterval = 100_000_000L;
                }
                logged = pollInterval > 100_000_000L || i % 10 == 0;
                if ((lastRem > 0 && rem > lastRem) || rem == 0) {
                    downtimeCounter++;
                }
                lastRem = rem;
                if (downtimeCounter > 5) {
                    downtimeCounter = 0;
                    if (limitMs < DOWNTIME_MAX_MS) {
                        limitMs = Math.min(DOWNTIME_MAX_MS, limitMs * 2);
                        increased = limitMs;
                    }
                }
            }
            polls.add(new Poll(Duration.ofNanos(t), Math.round(transferred), p.memoryBytes(), rem, speed, dirtyNow,
                    logged, increased, completed));
            if (completed) {
                return new Plan(List.copyOf(polls), List.copyOf(throttles), switchover, downtime,
                        Math.round(transferred), p.memoryBytes(), limitMs);
            }
            lastTransferred = transferred;
            // phase2's $avglstat at the top of the next turn: transferred so far over the turn's number
            avgAtLoopStart = transferred / (i + 1);
            nextPoll = t + pollInterval;
        }
    }
}
