package io.pvebench.balance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One round's decision of the threshold policy: the migrations to start (possibly none),
 * the reasons for everything decided or not decided (for the report), and the state to pass
 * to the next round.
 */
public record Plan(Instant at, List<PlannedMove> moves, List<String> reasons, PolicyState next) {

    public Plan {
        Objects.requireNonNull(at, "at");
        moves = List.copyOf(moves);
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(next, "next");
    }
}
