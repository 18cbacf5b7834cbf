package io.pvebench.stage;

import io.pvebench.balance.Disturbance;
import io.pvebench.measure.MigrationReport;
import io.pvebench.measure.MigrationTaskLog;

import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What a balancer's migration cost its guest, for the score: the downtime Proxmox reports in
 * the task log (QEMU's pause). The migrate stage's probes measure more (blackout, throughput
 * and application gaps), but a balancer's moves happen without probes running.
 */
final class Disturbances {

    static final String DOWNTIME_UNIT = "ms";

    private Disturbances() {
    }

    /** The downtime of a migration task log; empty when it printed none or is not a migration log. */
    static Optional<Disturbance> downtime(String log, ZoneOffset zone) {
        try {
            return downtime(new MigrationTaskLog().parse(log, zone));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The downtime of a parsed migration; empty when its log printed none. */
    static Optional<Disturbance> downtime(MigrationReport report) {
        return report.downtime().map(d -> new Disturbance(d.toMillis(), DOWNTIME_UNIT));
    }
}
