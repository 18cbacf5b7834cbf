package io.pvebench.balance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * How well a balancer did over one timeline: everything a report needs, computed the same way
 * whatever the balancer was. Imbalances are fractions (CRS formula, {@link Crs#imbalance}); CPU
 * spreads are fractions too (max − min of the nodes' CPU).
 *
 * @param from                 the first snapshot's time
 * @param to                   the last snapshot's time
 * @param imbalanceBefore      CRS imbalance at the first snapshot
 * @param imbalanceAfter       CRS imbalance at the last snapshot
 * @param cpuSpreadBefore      CPU spread at the first snapshot
 * @param cpuSpreadAfter       CPU spread at the last snapshot
 * @param timeToBalance        from the first snapshot to the first one from which the imbalance stays at
 *                             or under the target for the settings' window; empty when that never happens
 *                             within the timeline (a window running past its end does not count)
 * @param migrations           migrations started, failed ones included
 * @param failedMigrations     migrations whose guest did not arrive
 * @param thrash               successful migrations that took a guest back to the node it had left, within
 *                             the thrash window of arriving there
 * @param thrashedVms          the guests of those, in order, once each
 * @param disturbance          the migrations' disturbance figures summed per unit
 * @param strandedCpuAfter     {@link ClusterSnapshot#strandedCpu()} over the timeline's last window (the
 *                             settings' window, at least the last snapshot), averaged because a run queue
 *                             is a point value: CPUs idle on some nodes while guests on others waited for
 *                             one, the load a usage-based balancer cannot see; empty when a run queue in
 *                             that window was not read
 */
public record BalanceScore(Instant from, Instant to, double imbalanceBefore, double imbalanceAfter,
                           double cpuSpreadBefore, double cpuSpreadAfter, Optional<Duration> timeToBalance,
                           int migrations, int failedMigrations, int thrash, List<Integer> thrashedVms,
                           Map<String, Double> disturbance, OptionalDouble strandedCpuAfter) {

    public BalanceScore {
        Objects.requireNonNull(timeToBalance, "timeToBalance");
        thrashedVms = List.copyOf(thrashedVms);
        disturbance = Map.copyOf(disturbance);
        Objects.requireNonNull(strandedCpuAfter, "strandedCpuAfter");
    }

    /** Whether the cluster balanced within the timeline. */
    public boolean balanced() {
        return timeToBalance.isPresent();
    }

    /** How long the timeline lasted. */
    public Duration observed() {
        return Duration.between(from, to);
    }

    /**
     * Scores {@code timeline} with the {@code migrations} that happened during it.
     *
     * @param timeline  snapshots in time order, at least one
     * @param migrations the migrations, any order
     * @throws IllegalArgumentException when the timeline is empty or out of order
     */
    public static BalanceScore of(List<ClusterSnapshot> timeline, List<Migration> migrations, ScoreSettings settings) {
        if (timeline.isEmpty()) {
            throw new IllegalArgumentException("a score needs at least one snapshot");
        }
        for (int i = 1; i < timeline.size(); i++) {
            if (timeline.get(i).at().isBefore(timeline.get(i - 1).at())) {
                throw new IllegalArgumentException("snapshots out of order at " + timeline.get(i).at());
            }
        }
        ClusterSnapshot first = timeline.get(0);
        ClusterSnapshot last = timeline.get(timeline.size() - 1);

        List<Migration> ordered = migrations.stream().sorted(Comparator.comparing(Migration::start)
                .thenComparingInt(Migration::vmid)).toList();
        List<Integer> thrashed = new ArrayList<>();
        int thrash = 0;
        for (int i = 0; i < ordered.size(); i++) {
            Migration back = ordered.get(i);
            if (!back.succeeded()) {
                continue;
            }
            for (int j = i - 1; j >= 0; j--) {
                Migration there = ordered.get(j);
                if (there.vmid() != back.vmid() || !there.succeeded() || there.end().isAfter(back.start())) {
                    continue;
                }
                // only the guest's latest arrival before this move counts
                if (there.to().equals(back.from()) && there.from().equals(back.to())
                        && Duration.between(there.end(), back.start()).compareTo(settings.thrashWindow()) <= 0) {
                    thrash++;
                    if (!thrashed.contains(back.vmid())) {
                        thrashed.add(back.vmid());
                    }
                }
                break;
            }
        }
        Map<String, Double> disturbance = new TreeMap<>();
        migrations.forEach(m -> m.disturbance().ifPresent(d -> disturbance.merge(d.unit(), d.value(), Double::sum)));

        return new BalanceScore(first.at(), last.at(), first.imbalance(), last.imbalance(), first.cpuSpread(),
                last.cpuSpread(), timeToBalance(timeline, settings), migrations.size(),
                (int) migrations.stream().filter(m -> !m.succeeded()).count(), thrash, thrashed, disturbance,
                strandedAtEnd(timeline, settings));
    }

    private static OptionalDouble strandedAtEnd(List<ClusterSnapshot> timeline, ScoreSettings settings) {
        Instant end = timeline.get(timeline.size() - 1).at();
        double sum = 0;
        int n = 0;
        for (int i = timeline.size() - 1; i >= 0; i--) {
            ClusterSnapshot s = timeline.get(i);
            if (n > 0 && s.at().isBefore(end.minus(settings.window()))) {
                break;
            }
            OptionalDouble stranded = s.strandedCpu();
            if (stranded.isEmpty()) {
                return OptionalDouble.empty();
            }
            sum += stranded.getAsDouble();
            n++;
        }
        return OptionalDouble.of(sum / n);
    }

    private static Optional<Duration> timeToBalance(List<ClusterSnapshot> timeline, ScoreSettings settings) {
        double target = settings.targetImbalancePercent() / 100;
        Instant end = timeline.get(timeline.size() - 1).at();
        for (int i = 0; i < timeline.size(); i++) {
            Instant start = timeline.get(i).at();
            Instant until = start.plus(settings.window());
            if (until.isAfter(end)) {
                break;
            }
            boolean stays = true;
            for (int j = i; j < timeline.size() && !timeline.get(j).at().isAfter(until); j++) {
                if (timeline.get(j).imbalance() > target) {
                    stays = false;
                    break;
                }
            }
            if (stays) {
                return Optional.of(Duration.between(timeline.get(0).at(), start));
            }
        }
        return Optional.empty();
    }
}
