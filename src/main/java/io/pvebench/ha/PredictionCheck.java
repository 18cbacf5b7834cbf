package io.pvebench.ha;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A prediction held against what happened: did the VM come back or not as predicted, on the
 * predicted node, within the predicted window? A VM that ran again only on the failed node, once
 * that node came back (it reset itself and the fault went with the reboot), was not failed over. A restart that came later than the window's end
 * by up to one CRM round still counts, as the window's bounds are rounds apart.
 *
 * @param prediction what was predicted
 * @param held       whether it came true
 * @param words      one line saying so, e.g. {@code as predicted: restarted on pve2 after 131 s (window 110–140 s)}
 */
public record PredictionCheck(FailoverPrediction prediction, boolean held, String words) {

    public PredictionCheck {
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(words, "words");
    }

    /**
     * @param back    how long after the failure the VM ran again, empty when it did not
     * @param on      where it ran again
     */
    public static PredictionCheck of(FailoverPrediction prediction, Optional<Duration> back, Optional<String> on) {
        boolean inPlace = back.isPresent() && on.filter(prediction.failedNode()::equals).isPresent();
        if (prediction.outcome() == FailoverPrediction.Outcome.NO_RECOVERY) {
            if (back.isEmpty()) {
                return new PredictionCheck(prediction, true, "as predicted: not recovered (" + prediction.reason() + ")");
            }
            return inPlace
                    ? new PredictionCheck(prediction, true, "as predicted: not failed over (" + prediction.reason()
                            + "); it ran again on " + prediction.failedNode() + " after " + back.get().toSeconds()
                            + " s, once that node came back")
                    : new PredictionCheck(prediction, false, "predicted no recovery (" + prediction.reason()
                            + "), but it ran again on " + on.orElse("?") + " after " + back.get().toSeconds() + " s");
        }
        RecoveryWindow window = prediction.window().orElseThrow();
        String expected = prediction.target().orElseThrow();
        String span = "window " + window.earliest().toSeconds() + "–" + window.latest().toSeconds() + " s";
        if (back.isEmpty()) {
            return new PredictionCheck(prediction, false, "predicted a restart on " + expected + " (" + span
                    + "), but it did not run again");
        }
        long seconds = back.get().toSeconds();
        boolean inTime = back.get().compareTo(window.latest().plus(RecoveryWindow.ROUND)) <= 0;
        boolean there = on.filter(expected::equals).isPresent();
        String observed = "restarted on " + on.orElse("?") + " after " + seconds + " s (" + span + ")";
        if (inTime && there) {
            return new PredictionCheck(prediction, true, "as predicted: " + observed);
        }
        String off = !there ? "predicted on " + expected : "later than predicted";
        return new PredictionCheck(prediction, false, off + ": " + observed);
    }
}
