package io.pvebench.balance;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A migration that happened, whoever started it (the native CRS, an external balancer, the
 * threshold policy): guest {@code vmid} from {@code from} to {@code to}, between {@code start}
 * and {@code end}, and whether the guest arrived.
 */
public record Migration(int vmid, String from, String to, Instant start, Instant end, boolean succeeded,
                        Optional<Disturbance> disturbance) {

    public Migration {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(disturbance, "disturbance");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("vm " + vmid + ": migration ends before it starts: " + start + ", " + end);
        }
    }
}
