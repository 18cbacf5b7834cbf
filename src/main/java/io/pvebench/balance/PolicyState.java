package io.pvebench.balance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the threshold policy remembers between rounds: the nodes it holds overloaded (the
 * hysteresis latch), the moves it planned that have not finished, and the moves that finished
 * recently (for cooldown and no-return). Immutable ({@code overloaded} iterates in name order): each {@link Plan} carries the next state,
 * and the caller reports finished migrations with {@link #finished}.
 */
public record PolicyState(Set<String> overloaded, List<PlannedMove> inFlight, List<FinishedMove> recent) {

    public PolicyState {
        overloaded = Collections.unmodifiableSortedSet(new TreeSet<>(overloaded));
        inFlight = List.copyOf(inFlight);
        recent = List.copyOf(recent);
    }

    /** Nothing overloaded, nothing moving, nothing moved. */
    public static PolicyState initial() {
        return new PolicyState(Set.of(), List.of(), List.of());
    }

    /**
     * This state after guest {@code vmid}'s in-flight move ended at {@code at}; {@code moved}
     * false when it failed (the guest stays put, but the cooldown holds all the same: retrying
     * at once would most likely fail again). A vmid with no move in flight leaves the state as it is.
     */
    public PolicyState finished(int vmid, Instant at, boolean moved) {
        List<PlannedMove> still = new ArrayList<>();
        List<FinishedMove> done = new ArrayList<>(recent);
        for (PlannedMove m : inFlight) {
            if (m.vmid() == vmid) {
                done.add(new FinishedMove(vmid, m.from(), m.to(), at, moved));
            } else {
                still.add(m);
            }
        }
        return new PolicyState(overloaded, still, done);
    }
}
