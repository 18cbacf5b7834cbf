package io.pvebench.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What one Proxmox migration task log says, read by {@link MigrationTaskLog}. Sizes in
 * bytes, rates in bytes per second, both as Proxmox printed them (one decimal of a binary
 * unit, so a size is exact to about 0.05 of its unit). An immutable value.
 *
 * @param vmid               from {@code starting migration of VM <vmid> to node ...}; empty when the
 *                           task failed before that line
 * @param targetNode         the node the VM goes to, from the same line
 * @param targetAddress      the address in parentheses on that line
 * @param migrationNetwork   the address of {@code use dedicated network address for sending migration traffic (...)}
 * @param startedByHa        the log begins with {@code task started by HA resource agent}
 * @param outcome            how the task ended; {@link Outcome#UNKNOWN} while it has not
 * @param failureReason      for ABORTED the text after {@code migration aborted (duration ...): }; for
 *                           FAILED the first {@code ERROR:} line's text, else the {@code TASK ERROR} message;
 *                           for UNKNOWN the first {@code ERROR:} so far (the task is failing but has not ended)
 * @param start              the first timestamped line (node local time read in the caller's zone)
 * @param end                the last timestamped line
 * @param duration           the task's own {@code (duration HH:MM:SS)} when it printed one, else
 *                           {@code end - start}
 * @param downtime           QEMU's stop-and-copy pause, from {@code average migration speed: ... - downtime N ms}
 * @param averageSpeed       bytes/s from the same line
 * @param transferred        bytes: {@code migration completed, transferred X VM-state} (qemu-server 8.3.9+),
 *                           else the last progress line's transferred
 * @param memoryTotal        bytes: the last progress line's {@code of X VM-state}
 * @param downtimeLimit      the initial {@code migration downtime limit: N ms}
 * @param progress           one entry per progress line, in log order
 * @param downtimeIncreases  one entry per {@code auto-increased downtime to continue migration: N ms}
 * @param mirrors            one entry per drive-mirror progress line, in log order
 * @param warnings           N of {@code TASK WARNINGS: N} or {@code Task finished with N warning(s)!}, else 0
 * @param conntrack          the conntrack lines (PVE 9: not migrated, migrated N, flushing), as printed
 */
public record MigrationReport(
        OptionalInt vmid,
        Optional<String> targetNode,
        Optional<String> targetAddress,
        Optional<String> migrationNetwork,
        boolean startedByHa,
        Outcome outcome,
        Optional<String> failureReason,
        Instant start,
        Instant end,
        Duration duration,
        Optional<Duration> downtime,
        OptionalLong averageSpeed,
        OptionalLong transferred,
        OptionalLong memoryTotal,
        Optional<Duration> downtimeLimit,
        List<Progress> progress,
        List<DowntimeIncrease> downtimeIncreases,
        List<MirrorProgress> mirrors,
        int warnings,
        List<String> conntrack) {

    /** How a migration task ended. */
    public enum Outcome {
        /** {@code migration finished successfully}, {@code TASK OK} or {@code TASK WARNINGS}. */
        SUCCESS,
        /** {@code migration aborted (duration ...): <reason>}: preparation or phase 1 failed. */
        ABORTED,
        /** {@code migration finished with problems}, or a {@code TASK ERROR} without either line. */
        FAILED,
        /** No end yet: the log was read while the task ran. */
        UNKNOWN
    }

    /**
     * One {@code migration <status>, transferred A of B VM-state, S/s[, VM dirties lots of memory: D/s]} line.
     *
     * @param status    QEMU's status word ({@code active}; {@code device} with QEMU 10)
     * @param transferred bytes of RAM; a {@code (+ X VFIO-state)} suffix (qemu-server 8.4+) is not counted
     * @param dirtyRate bytes/s, only when Proxmox printed it (dirty rate above the transfer rate)
     */
    public record Progress(Instant at, String status, long transferred, long total, long rate, OptionalLong dirtyRate) {
    }

    /** One automatic doubling of the downtime limit, to {@code limit}. */
    public record DowntimeIncrease(Instant at, Duration limit) {
    }

    /**
     * One {@code <job>: transferred A of B (P%) in T[, ready]} line of a storage migration.
     * These lines have no timestamp.
     *
     * @param job {@code drive-scsi0} (8.x) or {@code mirror-scsi0} (9.x), as printed
     */
    public record MirrorProgress(String job, long transferred, long total, double percent, boolean ready) {
    }

    public MigrationReport {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(duration, "duration");
        progress = List.copyOf(progress);
        downtimeIncreases = List.copyOf(downtimeIncreases);
        mirrors = List.copyOf(mirrors);
        conntrack = List.copyOf(conntrack);
    }

    /**
     * The report as samples, each with {@code labels} plus {@code vmid} and {@code target}
     * when the log names them. A finished task gives {@code migration_duration} and
     * {@code migration_failed} (timestamped at {@link #end}), and, when printed,
     * {@code migration_downtime}, {@code migration_speed}, {@code migration_transferred},
     * {@code migration_memory_total}; every task gives its series, each point at its line's
     * time: {@code migration_progress}, {@code migration_transfer_rate},
     * {@code migration_dirty_rate} (only where printed) and
     * {@code migration_downtime_limit_increase}. A task still running gives only the series.
     */
    public List<Sample> samples(Map<String, String> labels) {
        Map<String, String> common = new HashMap<>(labels == null ? Map.of() : labels);
        vmid.ifPresent(id -> common.put("vmid", String.valueOf(id)));
        targetNode.ifPresent(node -> common.put("target", node));
        List<Sample> out = new ArrayList<>();
        if (outcome != Outcome.UNKNOWN) {
            out.add(Sample.of(Metric.MIGRATION_DURATION, duration.toMillis(), common, end));
            out.add(Sample.of(Metric.MIGRATION_FAILED, outcome == Outcome.SUCCESS ? 0 : 1, common, end));
            downtime.ifPresent(d -> out.add(Sample.of(Metric.MIGRATION_DOWNTIME, d.toMillis(), common, end)));
            averageSpeed.ifPresent(s -> out.add(Sample.of(Metric.MIGRATION_SPEED, s, common, end)));
            transferred.ifPresent(t -> out.add(Sample.of(Metric.MIGRATION_TRANSFERRED, t, common, end)));
            memoryTotal.ifPresent(t -> out.add(Sample.of(Metric.MIGRATION_MEMORY_TOTAL, t, common, end)));
        }
        for (Progress p : progress) {
            out.add(Sample.of(Metric.MIGRATION_PROGRESS, p.transferred(), common, p.at()));
            out.add(Sample.of(Metric.MIGRATION_TRANSFER_RATE, p.rate(), common, p.at()));
            p.dirtyRate().ifPresent(d -> out.add(Sample.of(Metric.MIGRATION_DIRTY_RATE, d, common, p.at())));
        }
        for (DowntimeIncrease step : downtimeIncreases) {
            out.add(Sample.of(Metric.MIGRATION_DOWNTIME_LIMIT_INCREASE, step.limit().toMillis(), common, step.at()));
        }
        return List.copyOf(out);
    }
}
