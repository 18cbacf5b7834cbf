package io.pvebench.balance;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the native CRS auto-rebalance would do in one round, by its documented rule.
 *
 * @param at          the round's time
 * @param outcome     what happens
 * @param imbalance   the round's imbalance (fraction); NaN when the step was not evaluated
 * @param roundsAbove consecutive rounds above the threshold so far, this one included
 * @param move        the migration, when {@code outcome} is {@link Outcome#MIGRATE}
 * @param reason      one sentence for the report
 */
public record CrsPrediction(Instant at, Outcome outcome, double imbalance, int roundsAbove, Optional<Move> move,
                            String reason) {

    /** A round's outcome. */
    public enum Outcome {
        /** Auto-rebalance is off, or the mode is {@code basic}. */
        OFF,
        /** An HA migration or relocation is queued or running: the step is skipped. */
        SKIPPED_MOTION,
        /** Imbalance at or below the threshold; the hold counter resets. */
        BALANCED,
        /** Above the threshold, but not yet for hold-duration rounds. */
        HOLDING,
        /** Held long enough, but no started HA resource can move anywhere. */
        NO_CANDIDATE,
        /** The best move improves the imbalance by less than the margin. */
        BELOW_MARGIN,
        /** A migration is committed. */
        MIGRATE,
        /** Held long enough, but the decision needs what this predictor does not model (static mode, topsis). */
        NOT_PREDICTED
    }

    /**
     * A predicted migration: guest {@code vmid} to {@code target}, with the imbalance before
     * and the imbalance expected after.
     */
    public record Move(int vmid, String from, String target, double imbalanceBefore, double imbalanceAfter) {

        /**
         * The CRM master's log line for it, {@code %.2f} of the internal values as in the
         * pve-ha-manager 5.2.0 snapshot (whether later builds print percent is not verified).
         */
        public String logLine() {
            return String.format(Locale.ROOT,
                    "auto rebalance - migrate vm:%d to %s (expected change for imbalance from %.2f to %.2f)",
                    vmid, target, imbalanceBefore, imbalanceAfter);
        }
    }

    public CrsPrediction {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(move, "move");
        Objects.requireNonNull(reason, "reason");
    }
}
