package io.pvebench.ha;

import java.time.Duration;
import java.util.Objects;

/**
 * When a recovered VM is back, counted from the instant its node failed, with the arithmetic that
 * gives it. The constants are pve-ha-manager's (PVE-CURRENT.md 2.6):
 * <ul>
 *   <li>CRM and LRM work in rounds of {@link #ROUND} (10 s, {@code CRM.pm}/{@code LRM.pm}
 *       {@code max_time});</li>
 *   <li>a service on a node not seen online for {@link #FENCE_DELAY} (60 s, {@code NodeStatus.pm})
 *       goes {@code fence};</li>
 *   <li>the CRM may take the dead node's agent lock only when pmxcfs lets it expire,
 *       {@link #LOCK_LIFETIME} (120 s, {@code Env/PVE2.pm $retry_timeout}) after its last renewal,
 *       which the dead LRM made at most one round before failing; taking it is the fence
 *       acknowledgement, and the service goes {@code recovery} → {@code started} on the new node in
 *       the same CRM round;</li>
 *   <li>the new node's LRM starts the VM in its next round, then the guest boots.</li>
 * </ul>
 * So for a node that is not the CRM master: lock free 110–120 s after the failure, acknowledged in
 * the CRM round that follows (+0–10 s), started in the LRM round after that (+0–10 s): 110–140 s
 * plus boot. When the failed node was the CRM master, a new master must first take the manager
 * lock, which has the same 120 s lifetime (110–130 s with its round); a new master has no memory of
 * when the node was last online, so the 60 s fence delay starts then (170–200 s with its round;
 * the agent lock is long free), and the LRM adds up to a round: 170–210 s plus boot. Each node where
 * the start fails costs {@code max_restart + 1} LRM rounds and one CRM round to relocate.
 *
 * @param earliest   soonest the guest can be up
 * @param latest     latest it should be up
 * @param arithmetic how the bounds were reached
 */
public record RecoveryWindow(Duration earliest, Duration latest, String arithmetic) {

    public static final Duration ROUND = Duration.ofSeconds(10);
    public static final Duration FENCE_DELAY = Duration.ofSeconds(60);
    public static final Duration LOCK_LIFETIME = Duration.ofSeconds(120);

    public RecoveryWindow {
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(latest, "latest");
        Objects.requireNonNull(arithmetic, "arithmetic");
    }

    /**
     * The window for a VM whose node failed.
     *
     * @param masterFailed   the failed node was the CRM master
     * @param boot           the guest's boot time
     * @param failedStarts   nodes where the start fails before the one that works
     * @param maxRestart     the VM's {@code max_restart}
     */
    public static RecoveryWindow after(boolean masterFailed, Duration boot, int failedStarts, int maxRestart) {
        long lockFreeEarliest = LOCK_LIFETIME.minus(ROUND).toSeconds();
        long round = ROUND.toSeconds();
        long early;
        long late;
        String how;
        if (masterFailed) {
            long newMasterLate = LOCK_LIFETIME.toSeconds() + round;
            early = lockFreeEarliest + FENCE_DELAY.toSeconds();
            late = newMasterLate + FENCE_DELAY.toSeconds() + round + round;
            how = "failed node was the CRM master: manager lock free after " + lockFreeEarliest + "–"
                    + LOCK_LIFETIME.toSeconds() + " s, new master in " + lockFreeEarliest + "–" + newMasterLate
                    + " s, fence delay " + FENCE_DELAY.toSeconds() + " s from then, + one CRM round, + one LRM round";
        } else {
            early = lockFreeEarliest;
            late = LOCK_LIFETIME.toSeconds() + round + round;
            how = "agent lock free " + lockFreeEarliest + "–" + LOCK_LIFETIME.toSeconds()
                    + " s after the failure (120 s lifetime since its last renewal ≤ 10 s before),"
                    + " + one CRM round to acknowledge the fence and recover, + one LRM round to start";
        }
        if (failedStarts > 0) {
            long perNode = (maxRestart + 1L) * round + round;
            early += failedStarts * perNode;
            late += failedStarts * perNode;
            how += ", + " + failedStarts + " × " + perNode + " s for failed starts (" + (maxRestart + 1)
                    + " tries and a relocation each)";
        }
        how += ", + boot " + boot.toSeconds() + " s";
        return new RecoveryWindow(Duration.ofSeconds(early).plus(boot), Duration.ofSeconds(late).plus(boot), how);
    }

    /** {@code ~2–3 min}, {@code ~3 min}, or seconds below a minute. */
    public String rounded() {
        long lowMin = earliest.toSeconds() / 60;
        long highMin = (latest.toSeconds() + 59) / 60;
        if (highMin == 0 || latest.toSeconds() < 60) {
            return "~" + earliest.toSeconds() + "–" + latest.toSeconds() + " s";
        }
        return lowMin == highMin || lowMin == 0 && highMin == 1 ? "~" + highMin + " min" : "~" + lowMin + "–" + highMin + " min";
    }
}
