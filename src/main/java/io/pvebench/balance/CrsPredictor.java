package io.pvebench.balance;

import io.pvebench.balance.CrsPrediction.Move;
import io.pvebench.balance.CrsPrediction.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Predicts, round by round, what Proxmox VE 9.2's native CRS auto-rebalance does, from the
 * rule {@code shared/reference/PVE-CURRENT.md} 3.3 documents (pve-ha-manager 5.2.0
 * {@code Manager.pm load_balance}, proxmox-resource-scheduling 2.1.0). A run compares what
 * Proxmox did with this. Immutable and thread-safe.
 *
 * <p>Each round: off unless auto-rebalance is on in {@code static} or {@code dynamic} mode;
 * skipped while any HA motion is queued or running (so one balancing move at a time); the hold
 * counter counts consecutive rounds whose imbalance exceeds the threshold and resets when it
 * falls to or below it; once it reaches hold-duration, the candidates are the started HA
 * resources, each to every other node, and {@code bruteforce} picks the move with the lowest
 * imbalance after it, assuming the guest brings its current usage along; the move is committed
 * when (old − new) ÷ old ≥ margin. Non-HA guests count as load but never move.
 *
 * <p>Not modelled, because the reference does not state it or the snapshot lacks the input
 * (a prediction says {@link Outcome#NOT_PREDICTED} where it matters):
 * <ul>
 *   <li>{@code topsis}: the criteria and weights are documented, not the normalisation;</li>
 *   <li>{@code static} mode: it scores configured vCPU and memory, which a snapshot does not carry;</li>
 *   <li>affinity rules (positive bundles moving together, node and negative affinity limiting
 *       targets) and the per-resource {@code auto-rebalance} flag: the predictor assumes none;</li>
 *   <li>whether a skipped round (motion running) keeps or resets the hold counter: it is kept
 *       here, as the step is skipped before the counter is looked at;</li>
 *   <li>whether the counter resets after a committed move: here it does, so the next move needs
 *       a fresh hold;</li>
 *   <li>hold-duration 0 acts in the first round above the threshold, like 1;</li>
 *   <li>ties between equally good moves go to the lower vmid, then the earlier node in the
 *       snapshot's order.</li>
 * </ul>
 * A predicted move does not by itself block later rounds: the caller's {@link CrsRound} says
 * whether a motion is running. When Proxmox did not make the predicted move, the predictor
 * predicts again, which is exactly the difference a report should show.
 */
public final class CrsPredictor {

    private final CrsSettings settings;

    public CrsPredictor(CrsSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** One prediction per round, in order. */
    public List<CrsPrediction> predict(List<CrsRound> rounds) {
        List<CrsPrediction> predictions = new ArrayList<>();
        int above = 0;
        double threshold = settings.thresholdPercent() / 100;
        for (CrsRound round : rounds) {
            ClusterSnapshot snapshot = round.snapshot();
            if (!settings.autoRebalance() || settings.mode() == CrsSettings.Mode.BASIC) {
                predictions.add(new CrsPrediction(snapshot.at(), Outcome.OFF, Double.NaN, 0, Optional.empty(),
                        "auto-rebalance is off or the mode is basic"));
                continue;
            }
            if (round.haMotionQueuedOrRunning()) {
                predictions.add(new CrsPrediction(snapshot.at(), Outcome.SKIPPED_MOTION, Double.NaN, above,
                        Optional.empty(), "an HA migration or relocation is queued or running: step skipped"));
                continue;
            }
            double imbalance = snapshot.imbalance();
            String now = "imbalance " + Wording.fraction(imbalance);
            if (!(imbalance > threshold)) {
                above = 0;
                predictions.add(new CrsPrediction(snapshot.at(), Outcome.BALANCED, imbalance, 0, Optional.empty(),
                        now + " is not above " + Wording.percent(settings.thresholdPercent())));
                continue;
            }
            above++;
            if (above < settings.holdRounds()) {
                predictions.add(new CrsPrediction(snapshot.at(), Outcome.HOLDING, imbalance, above, Optional.empty(),
                        now + " above " + Wording.percent(settings.thresholdPercent()) + " for " + above + " of "
                                + settings.holdRounds() + " rounds"));
                continue;
            }
            CrsPrediction decided = decide(snapshot, imbalance, above, now);
            if (decided.outcome() == Outcome.MIGRATE) {
                above = 0;
            }
            predictions.add(decided);
        }
        return List.copyOf(predictions);
    }

    private CrsPrediction decide(ClusterSnapshot snapshot, double imbalance, int above, String now) {
        if (settings.mode() == CrsSettings.Mode.STATIC || settings.method() == CrsSettings.Method.TOPSIS) {
            return new CrsPrediction(snapshot.at(), Outcome.NOT_PREDICTED, imbalance, above, Optional.empty(),
                    now + ": static mode and topsis are not modelled");
        }
        Move best = null;
        for (GuestLoad guest : snapshot.guests()) {
            if (!guest.haManaged() || !guest.running()) {
                continue;
            }
            for (NodeLoad node : snapshot.nodes()) {
                if (node.name().equals(guest.node())) {
                    continue;
                }
                double after = snapshot.withMove(guest.vmid(), node.name()).imbalance();
                if (best == null || after < best.imbalanceAfter()) {
                    best = new Move(guest.vmid(), guest.node(), node.name(), imbalance, after);
                }
            }
        }
        if (best == null) {
            return new CrsPrediction(snapshot.at(), Outcome.NO_CANDIDATE, imbalance, above, Optional.empty(),
                    now + ": no started HA resource to move");
        }
        double improvement = (imbalance - best.imbalanceAfter()) / imbalance;
        String expected = "vm " + best.vmid() + " to " + best.target() + " would take it to "
                + Wording.fraction(best.imbalanceAfter()) + " (" + Wording.fraction(improvement) + " better)";
        if (improvement * 100 < settings.marginPercent()) {
            return new CrsPrediction(snapshot.at(), Outcome.BELOW_MARGIN, imbalance, above, Optional.empty(),
                    now + ": best move " + expected + ", less than the margin of "
                            + Wording.percent(settings.marginPercent()));
        }
        return new CrsPrediction(snapshot.at(), Outcome.MIGRATE, imbalance, above, Optional.of(best),
                now + " above " + Wording.percent(settings.thresholdPercent()) + " for " + above + " rounds: "
                        + expected);
    }
}
