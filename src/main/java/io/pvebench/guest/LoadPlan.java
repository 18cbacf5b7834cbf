package io.pvebench.guest;

import io.pvebench.pipeline.LoadLevel;
import io.pvebench.pipeline.LoadProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A load profile made concrete for one guest size and one case: which stress-ng
 * processes start when. The steady level runs for the whole window; each burst is a
 * second process that lifts the guest to the burst's peak, one per slot of {@code
 * every}, at a moment drawn from the seed, so the same seed gives the same bursts.
 *
 * @param scenario the profile's name
 * @param runs     the processes, by start offset
 */
public record LoadPlan(String scenario, List<LoadRun> runs) {

    public LoadPlan {
        runs = List.copyOf(runs);
    }

    /**
     * The plan of {@code profile} on a guest of {@code size} for a load lasting at most
     * {@code window}: no process outlives the window even if nobody stops it.
     */
    public static LoadPlan of(LoadProfile profile, GuestSize size, Duration window, long seed) {
        List<LoadRun> runs = new ArrayList<>();
        LoadLevel steady = profile.steady();
        StressNgCommand.argv(steady, size, window).ifPresent(argv ->
                runs.add(new LoadRun("steady", Duration.ZERO, window, steady.cpuPercent(), argv)));
        profile.burstsIfAny().ifPresent(bursts -> {
            LoadLevel extra = new LoadLevel(Math.max(0, bursts.peak().cpuPercent() - steady.cpuPercent()),
                    Math.max(0, bursts.peak().memoryPercent() - steady.memoryPercent()),
                    Math.max(0, bursts.peak().ioWorkers() - steady.ioWorkers()));
            Random random = new Random(seed);
            long slack = bursts.every().minus(bursts.length()).toMillis();
            int n = 1;
            for (Duration slot = Duration.ZERO; slot.plus(bursts.every()).compareTo(window) <= 0;
                 slot = slot.plus(bursts.every())) {
                Duration offset = slot.plusMillis((long) (random.nextDouble() * slack));
                int number = n++;
                StressNgCommand.argv(extra, size, bursts.length()).ifPresent(argv ->
                        runs.add(new LoadRun("burst " + number, offset, bursts.length(), extra.cpuPercent(), argv)));
            }
        });
        return new LoadPlan(profile.name(), runs);
    }

    public boolean isEmpty() {
        return runs.isEmpty();
    }

    /** The guest CPU the plan aims at {@code t} after the load's start, percent of all vCPUs. */
    public double cpuPercentAt(Duration t) {
        double sum = 0;
        for (LoadRun run : runs) {
            if (run.runsAt(t)) {
                sum += run.cpuPercent();
            }
        }
        return Math.min(100, sum);
    }

    /** The mean of {@link #cpuPercentAt} over {@code [from, to)}, from the runs' edges (exact, not sampled). */
    public double meanCpuPercent(Duration from, Duration to) {
        if (to.compareTo(from) <= 0) {
            return cpuPercentAt(from);
        }
        List<Duration> edges = new ArrayList<>(List.of(from, to));
        for (LoadRun run : runs) {
            for (Duration edge : List.of(run.offset(), run.end())) {
                if (edge.compareTo(from) > 0 && edge.compareTo(to) < 0) {
                    edges.add(edge);
                }
            }
        }
        edges.sort(null);
        double weighted = 0;
        for (int i = 0; i + 1 < edges.size(); i++) {
            Duration span = edges.get(i + 1).minus(edges.get(i));
            weighted += cpuPercentAt(edges.get(i)) * span.toNanos();
        }
        return weighted / to.minus(from).toNanos();
    }
}
