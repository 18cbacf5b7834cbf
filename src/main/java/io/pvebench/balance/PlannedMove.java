package io.pvebench.balance;

import java.time.Instant;
import java.util.Objects;

/**
 * A migration a balancer decided on: guest {@code vmid} from {@code from} to {@code to},
 * decided at {@code at} (the snapshot's time), with the reason a report shows.
 */
public record PlannedMove(int vmid, String from, String to, Instant at, String reason) {

    public PlannedMove {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
