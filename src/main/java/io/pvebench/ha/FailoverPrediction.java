package io.pvebench.ha;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happens to one HA VM when one node fails.
 *
 * @param failedNode  the node that fails
 * @param sid         the VM ({@code vm:101})
 * @param outcome     restarts elsewhere, or not
 * @param target      where it restarts
 * @param window      when it is back, counted from the failure
 * @param reason      why, in words a cluster admin understands
 * @param uncertainty what pvebench had to estimate, when the choice may differ
 * @param survivors   the fate of every other online node
 */
public record FailoverPrediction(String failedNode, String sid, Outcome outcome, Optional<String> target,
                                 Optional<RecoveryWindow> window, String reason, Optional<String> uncertainty,
                                 List<SurvivorFate> survivors) {

    /** The VM's fate. */
    public enum Outcome {
        /** The HA stack starts it on another node. */
        RESTARTS,
        /** It stays down (or was not running under HA). */
        NO_RECOVERY
    }

    public FailoverPrediction {
        Objects.requireNonNull(failedNode, "failedNode");
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(uncertainty, "uncertainty");
        survivors = List.copyOf(survivors);
        if ((outcome == Outcome.RESTARTS) != (target.isPresent() && window.isPresent())) {
            throw new IllegalArgumentException(sid + ": a restart needs a target and a window, and only a restart has them");
        }
    }

    static FailoverPrediction restarts(String failed, String sid, String target, RecoveryWindow window, String reason,
                                       Optional<String> uncertainty, List<SurvivorFate> survivors) {
        return new FailoverPrediction(failed, sid, Outcome.RESTARTS, Optional.of(target), Optional.of(window), reason,
                uncertainty, survivors);
    }

    static FailoverPrediction none(String failed, String sid, String reason, Optional<String> uncertainty,
                                   List<SurvivorFate> survivors) {
        return new FailoverPrediction(failed, sid, Outcome.NO_RECOVERY, Optional.empty(), Optional.empty(), reason,
                uncertainty, survivors);
    }

    /**
     * One line: {@code pve1 fails ⇒ vm:101 restarts on pve2 in ~2–3 min} or
     * {@code pve1 fails ⇒ vm:101: no recovery: 2 nodes without QDevice: pve2 keeps 1 of 2 votes, no quorum}.
     */
    public String render() {
        String head = failedNode + " fails ⇒ " + sid;
        if (outcome == Outcome.RESTARTS) {
            return head + " restarts on " + target.orElseThrow() + " in " + window.orElseThrow().rounded()
                    + uncertainty.map(u -> " (uncertain: " + u + ")").orElse("");
        }
        return head + ": no recovery: " + reason;
    }
}
