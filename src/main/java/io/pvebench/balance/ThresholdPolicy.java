package io.pvebench.balance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * pvebench's own threshold balancer, for clusters without one (PVE 8.4, or 9.x with
 * auto-rebalance off): a pure function from a history of snapshots and the policy's state to
 * a {@link Plan}. Immutable and thread-safe.
 *
 * <p>Rules, in the order they apply each round:
 * <ol>
 *   <li><b>Sustained overload.</b> A node becomes overloaded when its {@code metric} is above
 *       {@code thresholdPercent} at every snapshot of the {@code hold} (so a short spike does
 *       nothing).</li>
 *   <li><b>Hysteresis.</b> An overloaded node stays overloaded until its metric falls below
 *       {@code thresholdPercent − marginPercent}; around the threshold it neither toggles nor
 *       needs a new hold. While it is overloaded the policy keeps planning moves off it.</li>
 *   <li><b>One move per source at a time, at most {@code maxConcurrent} cluster-wide.</b> A
 *       node with a move in flight waits for it: its effect is not in the snapshots yet.</li>
 *   <li><b>Candidates.</b> Running guests on the node, HA resources only or all
 *       ({@code scope}), not in flight, and not moved (or failed to move) within
 *       {@code cooldown}.</li>
 *   <li><b>Targets.</b> Any other node that is not overloaded, not the node the guest left
 *       within {@code noReturn} (no thrash), and whose metric would stay at or under the
 *       threshold with the guest's current usage added. Among them, the one left with the most
 *       headroom below the threshold after the move.</li>
 *   <li><b>Choice of guest.</b> The smallest guest (by memory in use, then CPU) whose move
 *       brings the source below {@code threshold − margin}: memory to copy is what makes a live
 *       migration long and disturbing (the study saw a throughput dip and a delay spike at each
 *       migration's start), and ending below the relief line ends the overload in one move. If
 *       no single move gets there, the guest whose move lowers the source the most (the busiest
 *       movable one): the most relief per migration.</li>
 * </ol>
 * The loads of moves in flight, and of moves planned earlier in the same round, are added to
 * their targets before the next choice, so two moves never fill the same target twice.
 *
 * @param metric           what is watched on each node
 * @param thresholdPercent overload threshold, percent of the node's capacity, in (0, 100]
 * @param marginPercent    hysteresis margin, percentage points, in [0, threshold)
 * @param hold             how long the metric must stay above the threshold
 * @param cooldown         after a guest's move ends, how long before it may move again
 * @param noReturn         how long a moved guest may not go back to the node it left; at least {@code cooldown}
 *                         (equal: implied by the cooldown; longer: it may move on, but not back)
 * @param maxConcurrent    migrations in flight at once, at least 1
 * @param scope            which guests may move
 */
public record ThresholdPolicy(LoadMetric metric, double thresholdPercent, double marginPercent, Hold hold,
                              Duration cooldown, Duration noReturn, int maxConcurrent, GuestScope scope) {

    public ThresholdPolicy {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(scope, "scope");
        if (!(thresholdPercent > 0 && thresholdPercent <= 100)) {
            throw new IllegalArgumentException("threshold must be in (0, 100] percent: " + thresholdPercent);
        }
        if (!(marginPercent >= 0 && marginPercent < thresholdPercent)) {
            throw new IllegalArgumentException("margin must be in [0, threshold) percentage points: " + marginPercent);
        }
        if (cooldown.isNegative() || noReturn.compareTo(cooldown) < 0) {
            throw new IllegalArgumentException("need 0 <= cooldown <= noReturn: " + cooldown + ", " + noReturn);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1: " + maxConcurrent);
        }
    }

    /**
     * The plan for the round of the latest snapshot in {@code history}.
     *
     * @param history snapshots, oldest first, the latest being now; must cover the hold
     * @param state   the previous plan's {@link Plan#next()}, with finished moves reported
     *                ({@link PolicyState#finished}); {@link PolicyState#initial()} at first
     * @throws IllegalArgumentException when {@code history} is empty
     */
    public Plan plan(List<ClusterSnapshot> history, PolicyState state) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one snapshot");
        }
        ClusterSnapshot latest = history.get(history.size() - 1);
        Instant now = latest.at();
        double threshold = thresholdPercent / 100;
        double relief = (thresholdPercent - marginPercent) / 100;
        List<String> reasons = new ArrayList<>();

        Set<String> overloaded = new TreeSet<>();
        for (NodeLoad node : latest.nodes()) {
            double value = metric.of(node);
            String name = node.name();
            if (state.overloaded().contains(name)) {
                if (value < relief) {
                    reasons.add(name + " relieved: " + metric.label() + " " + Wording.fraction(value) + " is below "
                            + Wording.fraction(relief) + " (threshold − margin)");
                } else {
                    overloaded.add(name);
                }
            } else if (hold.satisfiedBy(history, s -> s.node(name).map(n -> metric.of(n) > threshold).orElse(false))) {
                overloaded.add(name);
                reasons.add(name + " overloaded: " + metric.label() + " above " + Wording.percent(thresholdPercent)
                        + " for " + hold.describe() + " (now " + Wording.fraction(value) + ")");
            } else if (value > threshold) {
                reasons.add(name + " above " + Wording.percent(thresholdPercent) + " (" + Wording.fraction(value)
                        + ") but not yet for " + hold.describe() + ": no action");
            }
        }

        ClusterSnapshot projected = latest;
        for (PlannedMove m : state.inFlight()) {
            if (projected.guest(m.vmid()).map(g -> g.node().equals(m.from())).orElse(false)
                    && projected.node(m.to()).isPresent()) {
                projected = projected.withMove(m.vmid(), m.to());
            }
        }

        List<PlannedMove> moves = new ArrayList<>();
        int slots = maxConcurrent - state.inFlight().size();
        final ClusterSnapshot before = projected;
        List<String> sources = overloaded.stream()
                .sorted(Comparator.comparingDouble((String n) -> -metric.of(before.node(n).orElseThrow()))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        for (String source : sources) {
            Optional<PlannedMove> moving = state.inFlight().stream().filter(m -> m.from().equals(source)).findFirst();
            if (moving.isPresent()) {
                reasons.add(source + " overloaded, waiting for vm " + moving.get().vmid() + " to finish moving to "
                        + moving.get().to());
                continue;
            }
            if (slots <= 0) {
                reasons.add(source + " overloaded, but " + Wording.count(maxConcurrent, "migration")
                        + " already in flight (the maximum)");
                continue;
            }
            Choice choice = choose(source, projected, overloaded, state, now, threshold, relief);
            if (choice.move == null) {
                reasons.add(source + " overloaded, no move: " + choice.why);
                continue;
            }
            moves.add(choice.move);
            reasons.add(choice.move.reason());
            projected = projected.withMove(choice.move.vmid(), choice.move.to());
            slots--;
        }

        List<PlannedMove> inFlight = new ArrayList<>(state.inFlight());
        inFlight.addAll(moves);
        List<FinishedMove> recent = state.recent().stream()
                .filter(f -> Duration.between(f.at(), now).compareTo(noReturn) < 0).toList();
        return new Plan(now, moves, reasons, new PolicyState(overloaded, inFlight, recent));
    }

    private record Choice(PlannedMove move, String why) {
    }

    private record Option(GuestLoad guest, String target, double sourceAfter, double targetAfter) {
    }

    private Choice choose(String source, ClusterSnapshot projected, Set<String> overloaded, PolicyState state,
            Instant now, double threshold, double relief) {
        List<String> skipped = new ArrayList<>();
        List<Option> options = new ArrayList<>();
        for (GuestLoad guest : projected.guestsOn(source)) {
            String vm = "vm " + guest.vmid();
            if (!guest.running()) {
                continue;
            }
            if (!scope.admits(guest)) {
                skipped.add(vm + " is not HA-managed");
                continue;
            }
            if (state.inFlight().stream().anyMatch(m -> m.vmid() == guest.vmid())) {
                skipped.add(vm + " is moving");
                continue;
            }
            Optional<FinishedMove> cooling = state.recent().stream()
                    .filter(f -> f.vmid() == guest.vmid() && Duration.between(f.at(), now).compareTo(cooldown) < 0)
                    .max(Comparator.comparing(FinishedMove::at));
            if (cooling.isPresent()) {
                skipped.add(vm + " in cooldown until " + cooling.get().at().plus(cooldown));
                continue;
            }
            Option best = null;
            for (NodeLoad target : projected.nodes()) {
                String name = target.name();
                if (name.equals(source)) {
                    continue;
                }
                if (overloaded.contains(name)) {
                    skipped.add(vm + " → " + name + ": overloaded itself");
                    continue;
                }
                if (leftWithinNoReturn(state, guest.vmid(), name, now)) {
                    skipped.add(vm + " → " + name + ": it left " + name + " less than "
                            + Wording.duration(noReturn) + " ago");
                    continue;
                }
                ClusterSnapshot after = projected.withMove(guest.vmid(), name);
                double targetAfter = metric.of(after.node(name).orElseThrow());
                if (targetAfter > threshold) {
                    skipped.add(vm + " → " + name + ": would reach " + Wording.fraction(targetAfter));
                    continue;
                }
                Option option = new Option(guest, name, metric.of(after.node(source).orElseThrow()), targetAfter);
                if (best == null || option.targetAfter < best.targetAfter) {
                    best = option;
                }
            }
            if (best != null) {
                options.add(best);
            }
        }
        if (options.isEmpty()) {
            return new Choice(null, skipped.isEmpty() ? "no running guest to move" : String.join("; ", skipped));
        }
        Optional<Option> sufficient = options.stream().filter(o -> o.sourceAfter < relief)
                .min(Comparator.comparingLong((Option o) -> o.guest.memoryUsed())
                        .thenComparingDouble(o -> o.guest.cpuUsed()).thenComparingInt(o -> o.guest.vmid()));
        Option pick = sufficient.orElseGet(() -> options.stream()
                .min(Comparator.comparingDouble((Option o) -> o.sourceAfter).thenComparingInt(o -> o.guest.vmid()))
                .orElseThrow());
        String why = sufficient.isPresent()
                ? "the smallest guest whose move brings " + source + " below " + Wording.fraction(relief)
                : "no single move brings " + source + " below " + Wording.fraction(relief) + "; the one that lowers it most";
        String reason = "move vm " + pick.guest.vmid() + " " + source + " → " + pick.target + ": " + why + " ("
                + metric.label() + " " + source + " " + Wording.fraction(metric.of(projected.node(source).orElseThrow()))
                + " → " + Wording.fraction(pick.sourceAfter) + "); " + pick.target + " has the most headroom ("
                + Wording.fraction(pick.targetAfter) + " after the move, threshold " + Wording.percent(thresholdPercent) + ")";
        return new Choice(new PlannedMove(pick.guest.vmid(), source, pick.target, now, reason), why);
    }

    private boolean leftWithinNoReturn(PolicyState state, int vmid, String node, Instant now) {
        return state.recent().stream().anyMatch(f -> f.vmid() == vmid && f.moved() && f.from().equals(node)
                && Duration.between(f.at(), now).compareTo(noReturn) < 0);
    }
}
