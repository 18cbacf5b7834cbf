package io.pvebench.balance;

import java.time.Instant;
import java.util.Objects;

/**
 * A migration that ended at {@code at}; {@code moved} is false when it failed and the guest
 * stayed on {@code from}. Cooldowns count from {@code at}.
 */
public record FinishedMove(int vmid, String from, String to, Instant at, boolean moved) {

    public FinishedMove {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
    }
}
