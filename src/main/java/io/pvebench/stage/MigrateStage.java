package io.pvebench.stage;

import io.pvebench.measure.MigrationReport;
import io.pvebench.measure.MigrationTaskLog;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.MigrationSettings;
import io.pvebench.proxmox.FollowedMigration;
import io.pvebench.proxmox.MigrationFollower;
import io.pvebench.proxmox.MigrationRequest;
import io.pvebench.proxmox.ProxmoxException;
import io.pvebench.run.Phase;
import io.pvebench.ssh.CommandResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Live-migrates the spec's server VM under the case's load and measures it as an event
 * (the pipeline's {@code migration:}; nothing without it): probes start in the client VM
 * ({@link MigrationProbes}), {@code at} into them {@code qm migrate --online} runs and is
 * followed to the end of its task, even when the HA stack runs it
 * ({@link MigrationFollower}); its task log becomes the {@code migration_*} samples, the
 * probes the blackout, latency spike and throughput loss beside Proxmox's own downtime.
 * Then the VM goes back, unmeasured, so the following stages find it where it was; the
 * way back is recorded before the migration starts, so teardown brings it back whatever
 * happens. A migration that fails is a result (reason noted, {@code migration_failed} 1);
 * one Proxmox refuses before starting a task breaks the case.
 */
public final class MigrateStage {

    public static final String NAME = "migrate";

    /** How often the task list is read while a migration runs, in cluster time. */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final MigrationTaskLog parser = new MigrationTaskLog();

    public void run(CaseContext kase) {
        Optional<MigrationSettings> configured = kase.run().pipeline().migration();
        if (configured.isEmpty()) {
            return;
        }
        MigrationSettings settings = configured.get();
        StepScope.run(kase, NAME, log -> {
            RunContext run = kase.run();
            VmPair pair = run.pair(kase.plan().vmSpec().name());
            // where the VM is now: an earlier stage (balance's gathering) may have moved it
            String source = run.nodeOf(pair.server().vmid());
            MigrationRequest request = new MigrationRequest(pair.server().vmid(), source,
                    settings.target().orElseGet(() -> target(run.cluster().nodes(), source,
                            run.nodeOf(pair.client().vmid()))),
                    settings.withLocalDisks(), settings.targetStorage(), settings.bandwidthLimitKib(),
                    settings.migrationNetwork(), settings.withConntrackState());
            MigrationFollower follower = new MigrationFollower(run.migrations(), run.clusterClock(), POLL);
            Map<String, String> labels = kase.labels(source);
            labels.put("target", request.target());
            labels.put("path", pair.path());

            MigrationProbes probes = new MigrationProbes(kase, pair, settings);
            probes.start(log);
            run.waitUntil(probes.started().plus(settings.at()), "before the migration");
            kase.recordChange("vm " + request.vmid() + " back on " + source, () -> bringBack(kase, request, follower));
            FollowedMigration migration = follow(follower, request, settings.timeout());
            keepLog(kase, migration, log);
            // on pvebench's clock, as the probes are: a node's clock read over SSH is off by the read's latency,
            // which a time-compressed twin multiplies
            Instant end = migration.ended();
            kase.addPhase(new Phase("migration", migration.requested(), end));
            if (migration.task().isEmpty()) {
                throw new ProxmoxException("Proxmox did not start the migration of vm " + request.vmid() + " to "
                        + request.target() + ": " + migration.refusal());
            }
            MigrationReport report = parser.parse(migration.log(), migration.zone());
            kase.addSamples(report.samples(labels));
            describe(report, migration, log);
            List<Sample> seen = probes.collect(migration.requested(), end, labels, log);
            kase.addSamples(seen);
            sideBySide(report, seen).ifPresent(log::note);
            bringBack(kase, request, follower);
        });
    }

    /** Another node than the VM's, one its peer is not on when there is one, so the path stays what it was. */
    static String target(List<String> nodes, String source, String peer) {
        List<String> others = nodes.stream().filter(n -> !n.equals(source)).toList();
        if (others.isEmpty()) {
            throw new ProxmoxException("a live migration needs a second node; the cluster has only " + nodes);
        }
        return others.stream().filter(n -> !n.equals(peer)).findFirst().orElse(others.get(0));
    }

    private static FollowedMigration follow(MigrationFollower follower, MigrationRequest request, Duration timeout) {
        try {
            return follower.migrate(request, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunStoppedException("interrupted during the migration of vm " + request.vmid());
        }
    }

    private static void describe(MigrationReport report, FollowedMigration migration, StepLog log) {
        String how = migration.viaHa() ? " (through the HA stack)" : "";
        if (report.outcome() != MigrationReport.Outcome.SUCCESS) {
            log.note("migration " + report.outcome().name().toLowerCase(Locale.ROOT) + how + ": "
                    + report.failureReason().orElse("no reason in the task log"));
            return;
        }
        StringBuilder text = new StringBuilder("migrated" + how + " in " + report.duration().toSeconds() + " s");
        report.downtime().ifPresent(d -> text.append(", downtime ").append(d.toMillis()).append(" ms"));
        if (!report.downtimeIncreases().isEmpty()) {
            text.append("; did not converge within the downtime limit: raised ")
                    .append(report.downtimeIncreases().size()).append(" time(s), to ")
                    .append(report.downtimeIncreases().get(report.downtimeIncreases().size() - 1).limit().toMillis())
                    .append(" ms");
        }
        log.note(text.toString());
    }

    /** The downtimes as Proxmox, the ping train, the stream and the application saw them, on one line. */
    private static Optional<String> sideBySide(MigrationReport report, List<Sample> seen) {
        List<String> parts = new java.util.ArrayList<>();
        report.downtime().ifPresent(d -> parts.add("Proxmox " + d.toMillis() + " ms"));
        for (String[] m : new String[][] {{"migration_blackout", "ping blackout"},
                {"migration_throughput_gap", "throughput gap"}, {"app_gap", "application gap"}}) {
            seen.stream().filter(s -> s.metric().equals(m[0]) && !s.labels().containsKey("phase")).findFirst()
                    .ifPresent(s -> parts.add(m[1] + " " + Math.round(s.value()) + " ms"));
        }
        return parts.size() < 2 ? Optional.empty() : Optional.of("downtime: " + String.join(", ", parts));
    }

    private static void keepLog(CaseContext kase, FollowedMigration migration, StepLog log) {
        CommandResult asCommand = new CommandResult(migration.request().source(),
                migration.task().map(t -> "pvesh get /nodes/" + migration.request().source() + "/tasks/" + t.upid()
                        + "/log").orElse(String.join(" ", migration.request().words())),
                migration.command().exitCode(), migration.task().isPresent() ? migration.log()
                : migration.command().stdout(), migration.command().stderr(), migration.command().elapsed());
        log.attach(kase.run().folder().saveRaw(kase.id(), NAME, "migration task log", asCommand));
    }

    /** Migrates the VM back to where the case found it, with the same options; a no-op when it is there. */
    private static void bringBack(CaseContext kase, MigrationRequest request, MigrationFollower follower) {
        Moves.bringTo(kase.run(), follower, request.vmid(), request.source(), (from, to) -> new MigrationRequest(
                request.vmid(), from, to, request.withLocalDisks(), Optional.empty(), request.bandwidthLimitKib(),
                request.migrationNetwork(), request.withConntrackState()));
    }
}
