package io.pvebench.stage;

import io.pvebench.guest.LoadPlan;
import io.pvebench.measure.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Whether a load did what its profile aims at, from the guest CPU Proxmox reports
 * ({@code vm_cpu}). Proxmox's figure at time t is pvestatd's mean over its last period
 * (10 s) that ended at or before t, so a reading is compared with the band of means the
 * plan allows over any 10 s ending in the 10 s before it. Only readings from the warm-up
 * count, at least two periods after the load began: they cover load alone, before the
 * network tools add CPU of their own.
 */
final class LoadCheck {

    /** How often pvestatd refreshes the usage in /cluster/resources (PVE::Service::pvestatd, $updatetime). */
    static final Duration STATS_PERIOD = Duration.ofSeconds(10);
    private static final int BAND_STEPS = 20;
    /** Readings the check wants; the warm-up waits for them (see {@link #EXTENSION_LIMIT}). */
    static final int WANTED_READINGS = 3;
    /**
     * How far past its configured end a warm-up may go while the check still lacks readings:
     * a slow SSH round trip against a time-compressed twin can leave the window with none.
     */
    static final Duration EXTENSION_LIMIT = Duration.ofSeconds(60);

    /**
     * The check of one VM.
     *
     * @param readings how many readings were compared (0: not checked, see {@code note})
     * @param target   the mean aimed CPU over the readings, percent
     * @param error    the mean distance of the readings outside their bands, percentage points,
     *                 positive above (0 when every reading lies in its band)
     * @param note     why it was not checked, or null
     */
    record Result(int readings, double target, double error, String note) {

        boolean checked() {
            return readings > 0;
        }

        boolean within(double tolerance) {
            return !checked() || Math.abs(error) <= tolerance;
        }
    }

    private LoadCheck() {
    }

    /** Where the readings the check uses begin: two pvestatd periods into the load, when they cover load alone. */
    static Instant windowStart(Instant loadStart) {
        return loadStart.plus(STATS_PERIOD.multipliedBy(2));
    }

    /**
     * Checks the {@code vm_cpu} readings of one VM against {@code plan}, for a load started at
     * {@code start} whose warm-up ended at {@code warmupEnd}.
     */
    static Result check(LoadPlan plan, Instant start, Instant warmupEnd, List<Sample> vmCpu) {
        Instant from = windowStart(start);
        Instant to = warmupEnd;
        if (!from.isBefore(to)) {
            return new Result(0, 0, 0, "the warm-up (" + Duration.between(start, warmupEnd).toSeconds()
                    + " s) is too short to see the load alone: it needs more than "
                    + STATS_PERIOD.multipliedBy(2).toSeconds() + " s (two pvestatd periods)");
        }
        double targetSum = 0;
        double errorSum = 0;
        int n = 0;
        for (Sample s : vmCpu) {
            Instant t = s.timestamp();
            if (t.isBefore(from) || !t.isBefore(to)) {
                continue;
            }
            double[] band = band(plan, Duration.between(start, t));
            targetSum += (band[0] + band[1]) / 2;
            errorSum += s.value() < band[0] ? s.value() - band[0] : s.value() > band[1] ? s.value() - band[1] : 0;
            n++;
        }
        if (n == 0) {
            return new Result(0, 0, 0, "no guest CPU reading between " + STATS_PERIOD.multipliedBy(2).toSeconds()
                    + " s into the load and the end of the warm-up");
        }
        return new Result(n, targetSum / n, errorSum / n, null);
    }

    /** The lowest and highest mean CPU the plan aims at over a pvestatd period ending in {@code [t - period, t]}. */
    static double[] band(LoadPlan plan, Duration t) {
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (int i = 0; i <= BAND_STEPS; i++) {
            Duration end = t.minus(STATS_PERIOD.multipliedBy(BAND_STEPS - i).dividedBy(BAND_STEPS));
            double mean = plan.meanCpuPercent(end.minus(STATS_PERIOD), end);
            low = Math.min(low, mean);
            high = Math.max(high, mean);
        }
        return new double[] {low, high};
    }
}
