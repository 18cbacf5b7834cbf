package io.pvebench.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline's {@code failover:}: every case makes a node fail under its load and measures
 * whether and how fast the HA stack brings the VMs back elsewhere.
 *
 * @param method  how the node fails
 * @param node    which node fails; empty: the node the spec's first VM runs on when the failover starts
 * @param link    the interface {@link FailoverMethod#LINK} sets down
 * @param at      how long after the load's warm-up the node fails
 * @param timeout how long the VMs may take to run again before the case fails
 * @param heal    how long undoing the failure may take, a reboot included
 */
public record FailoverSettings(FailoverMethod method, Optional<String> node, Optional<String> link, Duration at,
                               Duration timeout, Duration heal) {

    public static final Duration DEFAULT_AT = Duration.ofSeconds(10);
    /** Proxmox's typical failover is about 2 minutes (ha-manager docs); 5 leaves room for a slow boot. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_HEAL = Duration.ofMinutes(10);

    public FailoverSettings {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(heal, "heal");
        if ((method == FailoverMethod.LINK) != link.isPresent()) {
            throw new IllegalArgumentException("an interface goes with method link and nothing else: " + method
                    + ", " + link);
        }
    }

    /** How long a case spends in the failover, healing included: what a load must outlast. */
    public Duration timeUnderLoad() {
        return at.plus(timeout).plus(heal);
    }
}
