package io.pvebench.measure;

import java.util.Arrays;
import java.util.Optional;

/**
 * The metrics pvebench knows, each with its one base unit. Parsers emit samples in
 * these units; objectives in a pipeline are converted to them before comparison.
 * The pipeline file names a metric in camelCase ({@code packetLoss}); samples and
 * reports use the snake_case {@link #id()} ({@code packet_loss}).
 */
public enum Metric {
    /** TCP goodput seen by the receiver over the whole test (iperf3 {@code end.sum_received}). */
    THROUGHPUT("throughput", "bit/s"),
    /** Goodput the sender pushed (iperf3 {@code end.sum_sent}). */
    THROUGHPUT_SENDER("throughput_sender", "bit/s"),
    /** Receiver goodput of one reporting interval (a time series). */
    THROUGHPUT_INTERVAL("throughput_interval", "bit/s"),
    /** TCP retransmissions counted by the sender. */
    RETRANSMITS("retransmits", "count"),
    /** Round-trip time of one echo reply (a time series). */
    RTT("rtt", "ms"),
    RTT_MIN("rtt_min", "ms"),
    RTT_AVG("rtt_avg", "ms"),
    RTT_MAX("rtt_max", "ms"),
    /** iputils' mean deviation of the RTT, a jitter estimate. */
    RTT_MDEV("rtt_mdev", "ms"),
    PACKETS_SENT("packets_sent", "count"),
    PACKETS_RECEIVED("packets_received", "count"),
    /** Echo requests without reply, as a percentage of those sent. */
    PACKET_LOSS("packet_loss", "%"),
    /** UDP jitter seen by the receiver (iperf3 {@code jitter_ms}, RFC 1889 smoothed). */
    JITTER("jitter", "ms"),
    /** UDP datagrams lost, as a percentage of those sent (iperf3 {@code lost_percent}). */
    DATAGRAM_LOSS("datagram_loss", "%"),
    /** A node's CPU use, as a percentage of all its CPUs ({@code /cluster/resources} {@code cpu}). */
    NODE_CPU("node_cpu", "%"),
    /** A node's memory in use ({@code /cluster/resources} {@code mem}). */
    NODE_MEMORY("node_memory", "bytes"),
    /** A guest's CPU use, as a percentage of its own vCPUs ({@code /cluster/resources} {@code cpu} of a qemu/lxc entry). */
    VM_CPU("vm_cpu", "%"),
    /** A guest's memory in use ({@code /cluster/resources} {@code mem} of a qemu/lxc entry). */
    VM_MEMORY("vm_memory", "bytes"),
    /** The guest CPU a load profile aimed at over its check window, percent of the guest's vCPUs. */
    LOAD_CPU_TARGET("load_cpu_target", "%"),
    /**
     * How far the guest CPU Proxmox measured strayed from what the load aimed at, in
     * percentage points (0 inside the band the aim allows; see the load stage).
     */
    LOAD_CPU_ERROR("load_cpu_error", "%"),
    /** Bogo operations a stress-ng stressor completed (all its instances). */
    BOGO_OPS("bogo_ops", "count"),
    /** stress-ng bogo operations per second of wall-clock time ({@code bogo ops/s (real time)}). */
    BOGO_OPS_PER_SECOND("bogo_ops_per_second", "ops/s"),
    /** stress-ng bogo operations per second of CPU time ({@code bogo ops/s (usr+sys time)}). */
    BOGO_OPS_PER_SECOND_USR_SYS("bogo_ops_per_second_usr_sys", "ops/s"),
    /** Storage bandwidth of one fio job and direction ({@code bw_bytes}; fio's {@code bw} is KiB/s). */
    IO_BANDWIDTH("io_bandwidth", "bytes/s"),
    /** I/O operations per second of one fio job and direction. */
    IOPS("iops", "ops/s"),
    /** Mean total I/O latency (submission + completion) of one fio job and direction ({@code lat_ns.mean}). */
    IO_LATENCY_MEAN("io_latency_mean", "ms"),
    /** 99th percentile I/O latency of one fio job and direction ({@code lat_ns} percentiles if fio has them, else {@code clat_ns}). */
    IO_LATENCY_P99("io_latency_p99", "ms"),
    /** How long a Proxmox migration task ran: its own {@code (duration HH:MM:SS)} (whole seconds), else its timestamps. */
    MIGRATION_DURATION("migration_duration", "ms"),
    /** QEMU's stop-and-copy pause of a live migration ({@code average migration speed: ... - downtime N ms}). */
    MIGRATION_DOWNTIME("migration_downtime", "ms"),
    /** Average speed of a live migration's RAM phase as Proxmox reports it (VM memory over the phase's time). */
    MIGRATION_SPEED("migration_speed", "bytes/s"),
    /** VM state a live migration transferred (the completion line, else the last progress line). */
    MIGRATION_TRANSFERRED("migration_transferred", "bytes"),
    /** The VM state to transfer, as the last progress line gives it ({@code of <size> VM-state}). */
    MIGRATION_MEMORY_TOTAL("migration_memory_total", "bytes"),
    /** VM state transferred so far, one per progress line (a time series). */
    MIGRATION_PROGRESS("migration_progress", "bytes"),
    /** Transfer rate of one progress line (a time series). */
    MIGRATION_TRANSFER_RATE("migration_transfer_rate", "bytes/s"),
    /** Guest memory dirty rate, only on progress lines where it exceeds the transfer rate (a time series). */
    MIGRATION_DIRTY_RATE("migration_dirty_rate", "bytes/s"),
    /** The new downtime limit each time Proxmox doubles it because the migration does not converge. */
    MIGRATION_DOWNTIME_LIMIT_INCREASE("migration_downtime_limit_increase", "ms"),
    /** 1 when a migration task ended aborted or with problems, 0 when it succeeded. */
    MIGRATION_FAILED("migration_failed", "count"),
    /** The longest run of lost probes of a fine ping train through a migration, times its spacing. */
    MIGRATION_BLACKOUT("migration_blackout", "ms"),
    /** How far the highest round trip of that train while the migration ran rose above its median before it. */
    MIGRATION_RTT_SPIKE("migration_rtt_spike", "ms"),
    /** The deepest fall of an iperf3 stream's interval throughput below its rate before the migration. */
    MIGRATION_THROUGHPUT_DIP("migration_throughput_dip", "%"),
    /** The stream's throughput lost to the migration, as time: sum of (1 - rate / rate before) x interval. */
    MIGRATION_THROUGHPUT_GAP("migration_throughput_gap", "ms"),
    /** The CRS imbalance of the cluster at one reading (a time series), percent 0..100. */
    BALANCE_IMBALANCE("balance_imbalance", "%"),
    /** The CRS imbalance when the balancer's watch began. */
    BALANCE_IMBALANCE_BEFORE("balance_imbalance_before", "%"),
    /** The CRS imbalance when it ended. */
    BALANCE_IMBALANCE_AFTER("balance_imbalance_after", "%"),
    /** Max - min of the nodes' CPU when the watch began, percentage points. */
    BALANCE_CPU_SPREAD_BEFORE("balance_cpu_spread_before", "%"),
    /** Max - min of the nodes' CPU when it ended. */
    BALANCE_CPU_SPREAD_AFTER("balance_cpu_spread_after", "%"),
    /** From the watch's start until the imbalance stayed at or under the target; absent when it never did. */
    BALANCE_TIME_TO_BALANCE("balance_time_to_balance", "ms"),
    /** 1 when the cluster did not balance within the watch, else 0: an objective {@code max: 0} asks that it does. */
    BALANCE_UNBALANCED("balance_unbalanced", "count"),
    /** Migrations started during the watch, whoever started them. */
    BALANCE_MIGRATIONS("balance_migrations", "count"),
    /** Of those, the ones whose guest did not arrive. */
    BALANCE_FAILED_MIGRATIONS("balance_failed_migrations", "count"),
    /** Migrations that took a guest back to the node it had just left. */
    BALANCE_THRASH("balance_thrash", "count"),
    /** A node's tasks running or waiting for a CPU, per CPU, at one reading (a time series); above 1 guests wait there. */
    BALANCE_RUN_QUEUE("balance_run_queue", "count"),
    /**
     * When the watch ended, CPUs idle on some nodes while guests on others waited for one (from the nodes' run
     * queues): load a balancer that reads CPU usage, capped at 100 %, cannot see.
     */
    BALANCE_STRANDED_CPU("balance_stranded_cpu", "count"),
    /** The downtime (QEMU's pause, as Proxmox reports it) of all the watch's migrations together. */
    BALANCE_DOWNTIME("balance_downtime", "ms"),
    /** From a node's failure until the HA master saw it leave ({@code online => unknown}). */
    FAILOVER_DETECTED("failover_detected", "ms"),
    /** From the failure until the VM's HA service went to {@code fence}. */
    FAILOVER_FENCE("failover_fence", "ms"),
    /** From the failure until the master got the failed node's agent lock ({@code fencing: acknowledged}). */
    FAILOVER_FENCE_ACKNOWLEDGED("failover_fence_acknowledged", "ms"),
    /** From the failure until the VM's service went to {@code recovery}. */
    FAILOVER_RECOVERY("failover_recovery", "ms"),
    /** From the failure until the master placed the service on another node ({@code started}, {@code node = Y}). */
    FAILOVER_STARTED("failover_started", "ms"),
    /** From the failure until the cluster listed the VM running on another node. */
    FAILOVER_RUNNING("failover_running", "ms"),
    /** From the failure until the VM's guest agent answered again: the guest is back for its users. */
    FAILOVER_REACHABLE("failover_reachable", "ms"),
    /** From the failure until the VM answered the peer VM's ping again (read every poll of the watch). */
    FAILOVER_PINGABLE("failover_pingable", "ms"),
    /** 1 when the VM did not run on another node within the failover's timeout, else 0. */
    FAILOVER_NOT_RECOVERED("failover_not_recovered", "count"),
    /** 1 when what the HA readiness check predicted for the VM (back or not, where, how soon) did not happen. */
    FAILOVER_PREDICTION_MISSED("failover_prediction_missed", "count"),
    /** After HA maintenance ends: from asking it to end until the VM runs on its node again. */
    FAILOVER_RETURNED("failover_returned", "ms"),
    /** From asking the fault to be undone until the cluster was whole again (node back, quorate). */
    FAILOVER_HEAL("failover_heal", "ms"),
    /** Time of one successful HTTP request of the application probe, connect to last byte (a time series). */
    APP_LATENCY("app_latency", "ms"),
    /** HTTP requests the application probe's client made. */
    APP_REQUESTS("app_requests", "count"),
    /** Application probe requests that got no 2xx/3xx answer (refused, timed out, HTTP error). */
    APP_REQUESTS_FAILED("app_requests_failed", "count"),
    /** Application probe requests that succeeded but far slower than normal (see {@code ApplicationProbeOutput}). */
    APP_REQUESTS_SLOW("app_requests_slow", "count"),
    /** The longest span without a good answer from the application (see {@code ApplicationProbeOutput}). */
    APP_GAP("app_gap", "ms");

    /** Which way a metric gets better, for comparing runs; {@link #NEITHER} for what only describes the load. */
    public enum Better { HIGHER, LOWER, NEITHER }

    private final String id;
    private final String unit;

    Metric(String id, String unit) {
        this.id = id;
        this.unit = unit;
    }

    /** Which way this metric gets better: a comparison calls a change the other way a regression. */
    public Better better() {
        return switch (this) {
            case THROUGHPUT, THROUGHPUT_SENDER, THROUGHPUT_INTERVAL, BOGO_OPS, BOGO_OPS_PER_SECOND,
                    BOGO_OPS_PER_SECOND_USR_SYS, IO_BANDWIDTH, IOPS, MIGRATION_SPEED, MIGRATION_TRANSFER_RATE,
                    APP_REQUESTS -> Better.HIGHER;
            case RETRANSMITS, RTT, RTT_AVG, RTT_MAX, RTT_MDEV, PACKET_LOSS, JITTER, DATAGRAM_LOSS, LOAD_CPU_ERROR,
                    IO_LATENCY_MEAN, MIGRATION_DURATION, MIGRATION_DOWNTIME, MIGRATION_DOWNTIME_LIMIT_INCREASE,
                    MIGRATION_FAILED, MIGRATION_BLACKOUT, MIGRATION_RTT_SPIKE, MIGRATION_THROUGHPUT_DIP,
                    MIGRATION_THROUGHPUT_GAP, BALANCE_IMBALANCE_AFTER, BALANCE_CPU_SPREAD_AFTER, BALANCE_TIME_TO_BALANCE,
                    BALANCE_UNBALANCED, BALANCE_FAILED_MIGRATIONS, BALANCE_THRASH, BALANCE_STRANDED_CPU,
                    BALANCE_DOWNTIME, FAILOVER_DETECTED, FAILOVER_FENCE, FAILOVER_FENCE_ACKNOWLEDGED, FAILOVER_RECOVERY,
                    FAILOVER_STARTED, FAILOVER_RUNNING, FAILOVER_REACHABLE, FAILOVER_PINGABLE, FAILOVER_NOT_RECOVERED,
                    FAILOVER_PREDICTION_MISSED, FAILOVER_RETURNED, FAILOVER_HEAL, APP_LATENCY, APP_REQUESTS_FAILED,
                    APP_REQUESTS_SLOW, APP_GAP -> Better.LOWER;
            default -> Better.NEITHER;
        };
    }

    /** snake_case name used in samples and reports. */
    public String id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    /** camelCase name used in pipeline files ({@code packet_loss} → {@code packetLoss}). */
    public String key() {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : id.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    public static Optional<Metric> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    public static Optional<Metric> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key().equals(key)).findFirst();
    }
}
