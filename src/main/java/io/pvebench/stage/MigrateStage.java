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
 * Live-migrates the spec's server VM (with {@code move: all} or {@code evacuate}, more of the
 * spec's VMs, one after the other or in parallel) under the case's load and measures it as an
 * event (the pipeline's {@code migration:}; nothing without it): probes start in the client VM
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
            MigrationFollower follower = new MigrationFollower(run.migrations(), run.clusterClock(), POLL);
            // where the VMs are now: an earlier stage (balance's gathering) may have moved them
            String source = run.nodeOf(pair.server().vmid());
            List<MigrationRequest> requests = MigrationBatch.requests(kase, settings, pair, source);
            Map<String, String> labels = kase.labels(source);
            labels.put("target", requests.get(0).target());
            labels.put("path", pair.path());

            MigrationProbes probes = new MigrationProbes(kase, pair, settings);
            probes.start(log);
            run.waitUntil(probes.started().plus(settings.at()), "before the migration");
            for (MigrationRequest r : requests) {
                kase.recordChange("vm " + r.vmid() + " back on " + r.source(), () -> bringBack(kase, r, follower));
            }
            List<FollowedMigration> migrations = MigrationBatch.run(follower, requests, settings);
            FollowedMigration watched = migrations.get(0);
            // on pvebench's clock, as the probes are: a node's clock read over SSH is off by the read's latency,
            // which a time-compressed twin multiplies
            Instant from = migrations.stream().map(FollowedMigration::requested).min(Instant::compareTo).orElseThrow();
            Instant to = migrations.stream().map(FollowedMigration::ended).max(Instant::compareTo).orElseThrow();
            MigrationReport report = null;
            for (FollowedMigration m : migrations) {
                keepLog(kase, m, log);
                kase.addPhase(new Phase(requests.size() == 1 ? "migration" : "migration vm " + m.request().vmid(),
                        m.requested(), m.ended()));
                if (m.task().isEmpty()) {
                    throw new ProxmoxException("Proxmox did not start the migration of vm " + m.request().vmid()
                            + " to " + m.request().target() + ": " + m.refusal());
                }
                MigrationReport r = parser.parse(m.log(), m.zone());
                Map<String, String> own = new java.util.HashMap<>(labels);
                own.put("node", m.request().source());
                own.put("target", m.request().target());
                kase.addSamples(r.samples(own));
                describe(r, m, log);
                report = m == watched ? r : report;
            }
            List<Sample> seen = probes.collect(from, to, labels, log);
            kase.addSamples(seen);
            sideBySide(report, seen).ifPresent(log::note);
            for (MigrationRequest r : requests) {
                bringBack(kase, r, follower);
            }
        });
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
        if (report == null) {
            return Optional.empty();
        }
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
