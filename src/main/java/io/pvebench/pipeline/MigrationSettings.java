package io.pvebench.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A live migration in every case, as the pipeline's {@code migration:} asks for it: once
 * the load has warmed up, probes start (a fine ping train, an iperf3 stream, both from the
 * spec's client VM to its server VM), {@link #at} into them the server VM migrates, and
 * the probes run on to {@link #observe}'s end; then the VM goes back, unmeasured, so the
 * case ends where it began.
 *
 * @param at                 when, into the observation, the migration starts
 * @param observe            how long the probes run
 * @param target             the node to migrate to; empty: another node, one the client VM is not on
 *                           when there is one
 * @param probeEvery         the ping train's spacing (fping {@code -p}); the blackout is measured to it
 * @param timeout            how long one migration may take before the case is broken
 * @param withLocalDisks     {@code --with-local-disks}
 * @param targetStorage      {@code --targetstorage}
 * @param bandwidthLimitKib  {@code --bwlimit}, KiB/s
 * @param migrationNetwork   {@code --migration_network}, a CIDR
 * @param withConntrackState {@code --with-conntrack-state} (PVE 9)
 * @param move               which VMs migrate
 * @param parallel           all at once rather than one after the other
 */
public record MigrationSettings(Duration at, Duration observe, Optional<String> target, Duration probeEvery,
                                Duration timeout, boolean withLocalDisks, Optional<String> targetStorage,
                                OptionalLong bandwidthLimitKib, Optional<String> migrationNetwork,
                                boolean withConntrackState, Move move, boolean parallel) {

    /** Which of the spec's VMs migrate; the probes always watch the server VM, which is among them. */
    public enum Move {
        /** The server VM alone. */
        SERVER,
        /** Every VM of the spec. */
        ALL,
        /** Every VM of the spec on the server VM's node: the node is emptied of them, as before maintenance. */
        EVACUATE
    }

    public static final Duration DEFAULT_AT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_OBSERVE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_PROBE_EVERY = Duration.ofMillis(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public MigrationSettings {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(observe, "observe");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(probeEvery, "probeEvery");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(targetStorage, "targetStorage");
        Objects.requireNonNull(bandwidthLimitKib, "bandwidthLimitKib");
        Objects.requireNonNull(migrationNetwork, "migrationNetwork");
        Objects.requireNonNull(move, "move");
        if (at.isNegative() || at.compareTo(observe) >= 0) {
            throw new IllegalArgumentException("the migration must start within the observation: at " + at
                    + ", observe " + observe);
        }
        if (probeEvery.isZero() || probeEvery.isNegative()) {
            throw new IllegalArgumentException("probeEvery must be positive: " + probeEvery);
        }
    }

    /** How many probes the ping train sends. */
    public int probes() {
        return (int) Math.max(1, observe.toNanos() / probeEvery.toNanos());
    }

    /** How long the migration keeps a case under load: the observation, and as long again for the way back. */
    public Duration timeUnderLoad() {
        return observe.multipliedBy(2);
    }
}
