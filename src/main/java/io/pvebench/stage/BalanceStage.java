package io.pvebench.stage;

import io.pvebench.balance.BalanceScore;
import io.pvebench.balance.BalancerKind;
import io.pvebench.balance.ClusterSnapshot;
import io.pvebench.balance.CrsSettings;
import io.pvebench.balance.Disturbance;
import io.pvebench.balance.Migration;
import io.pvebench.balance.Plan;
import io.pvebench.balance.PlannedMove;
import io.pvebench.balance.PolicyState;
import io.pvebench.balance.SweepResult;
import io.pvebench.guest.GuestVm;
import io.pvebench.measure.Metric;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.BalanceSettings;
import io.pvebench.proxmox.ClusterResource;
import io.pvebench.proxmox.FollowedMigration;
import io.pvebench.proxmox.MigrationFollower;
import io.pvebench.proxmox.MigrationRequest;
import io.pvebench.proxmox.SchedulerPort;
import io.pvebench.run.Phase;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Automatic balancing as the subject of a case (the pipeline's {@code balance:}; nothing
 * without it). {@link #arrange}, before the load: the spec's VMs are gathered on one node,
 * made HA resources if asked, and for the native balancer the cluster's {@code crs} option is
 * set, each change recorded first so teardown puts it back (newest first: {@code crs}, HA,
 * then the VMs to where they were). {@link #run}, after the warm-up: the cluster is read every
 * {@code every} for {@code watch}; pvebench's threshold policy plans from these readings and
 * its moves are carried out here, while the native CRS or an outside balancer is only watched
 * through the nodes' {@code qmigrate} tasks. Every balancer is scored the same way
 * ({@link BalanceScore}).
 */
public final class BalanceStage {

    public static final String ARRANGE = "arrange";
    public static final String NAME = "balance";

    /** How long a planned move may take; the watch waits for moves in flight at its end this long at most. */
    private static final Duration MOVE_TIMEOUT = Duration.ofMinutes(10);

    /** The balancer's settings for this case: the pipeline's, with its variant's where it has any. */
    private static Optional<BalanceSettings> settings(CaseContext kase) {
        return kase.run().pipeline().balance().map(b -> b.forVariant(kase.plan().variant()));
    }

    public void arrange(CaseContext kase) {
        Optional<BalanceSettings> configured = settings(kase);
        if (configured.isEmpty()) {
            return;
        }
        BalanceSettings settings = configured.get();
        StepScope.run(kase, ARRANGE, log -> {
            RunContext run = kase.run();
            String home = settings.startOn().orElseGet(() -> run.cluster().nodes().get(0));
            MigrationFollower follower = new MigrationFollower(run.migrations(), run.clusterClock(),
                    Duration.ofSeconds(1));
            for (GuestVm vm : vms(kase)) {
                String now = run.nodeOf(vm.vmid());
                if (!now.equals(home)) {
                    kase.recordChange("vm " + vm.vmid() + " back on " + now,
                            () -> Moves.bringTo(run, follower, vm.vmid(), now));
                    Moves.bringTo(run, follower, vm.vmid(), home);
                }
            }
            if (settings.ha()) {
                HaResources.make(kase, vms(kase));
            }
            log.note("vms " + vms(kase).stream().map(v -> String.valueOf(v.vmid())).toList() + " gathered on " + home
                    + (settings.ha() ? " as HA resources" : ""));
        });
    }

    public void run(CaseContext kase) {
        Optional<BalanceSettings> configured = settings(kase);
        if (configured.isEmpty()) {
            return;
        }
        BalanceSettings settings = configured.get();
        StepScope.run(kase, NAME, log -> {
            RunContext run = kase.run();
            if (settings.balancer() == BalancerKind.NATIVE_CRS) {
                // set when the watch begins, so the CRS's hold starts with it and not during the warm-up
                SchedulerPort scheduler = run.scheduler();
                Optional<String> before = scheduler.crs();
                kase.recordChange("crs back to " + before.orElse("(unset)"), () -> scheduler.setCrs(before));
                scheduler.setCrs(Optional.of(crsOption(settings.crs())));
                log.note("crs " + crsOption(settings.crs()));
            }
            Watch watch = new Watch(kase, settings);
            Instant start = run.clusterClock().now();
            try {
                watch.until(start.plus(settings.watch()));
            } finally {
                watch.finish();
                kase.addPhase(new Phase("balancing", start, run.clusterClock().now()));
            }
            BalanceScore score = BalanceScore.of(watch.timeline, watch.migrations(), settings.score());
            Map<String, String> labels = kase.labels("");
            labels.put("balancer", settings.balancer().label());
            kase.addSamples(watch.series(labels));
            kase.addSamples(samples(score, labels));
            for (Migration m : watch.migrations()) {
                kase.addPhase(new Phase("migration vm " + m.vmid(), m.start(), m.end()));
            }
            run.addSweepResult(new SweepResult(settings.sweepSetting(), kase.plan().scenario(), score));
            log.note(describe(settings, score));
            watch.failures().forEach(log::note);
            watch.unreadQueues().forEach(log::note);
        });
    }

    /** The VMs under the balancer: every VM of the spec. */
    private static List<GuestVm> vms(CaseContext kase) {
        return kase.run().loaded(kase.plan().vmSpec().name());
    }

    /** {@code datacenter.cfg}'s {@code crs} property string for the native balancer's settings (percent form, 9.2). */
    static String crsOption(CrsSettings crs) {
        return String.format(Locale.ROOT, "ha=%s,ha-auto-rebalance=%d,ha-auto-rebalance-threshold=%s,"
                        + "ha-auto-rebalance-hold-duration=%d,ha-auto-rebalance-margin=%s,ha-auto-rebalance-method=%s",
                crs.mode().name().toLowerCase(Locale.ROOT), crs.autoRebalance() ? 1 : 0, number(crs.thresholdPercent()),
                crs.holdRounds(), number(crs.marginPercent()), crs.method().name().toLowerCase(Locale.ROOT));
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static List<Sample> samples(BalanceScore score, Map<String, String> labels) {
        List<Sample> out = new ArrayList<>();
        Instant at = score.to();
        out.add(Sample.of(Metric.BALANCE_IMBALANCE_BEFORE, score.imbalanceBefore() * 100, labels, score.from()));
        out.add(Sample.of(Metric.BALANCE_IMBALANCE_AFTER, score.imbalanceAfter() * 100, labels, at));
        out.add(Sample.of(Metric.BALANCE_CPU_SPREAD_BEFORE, score.cpuSpreadBefore() * 100, labels, score.from()));
        out.add(Sample.of(Metric.BALANCE_CPU_SPREAD_AFTER, score.cpuSpreadAfter() * 100, labels, at));
        score.timeToBalance().ifPresent(t -> out.add(Sample.of(Metric.BALANCE_TIME_TO_BALANCE, t.toMillis(), labels,
                at)));
        out.add(Sample.of(Metric.BALANCE_UNBALANCED, score.balanced() ? 0 : 1, labels, at));
        out.add(Sample.of(Metric.BALANCE_MIGRATIONS, score.migrations(), labels, at));
        out.add(Sample.of(Metric.BALANCE_FAILED_MIGRATIONS, score.failedMigrations(), labels, at));
        out.add(Sample.of(Metric.BALANCE_THRASH, score.thrash(), labels, at));
        score.strandedCpuAfter().ifPresent(cpus -> out.add(Sample.of(Metric.BALANCE_STRANDED_CPU, cpus, labels, at)));
        Double downtime = score.disturbance().get(Disturbances.DOWNTIME_UNIT);
        if (downtime != null) {
            out.add(Sample.of(Metric.BALANCE_DOWNTIME, downtime, labels, at));
        }
        return out;
    }

    private static String describe(BalanceSettings settings, BalanceScore score) {
        return String.format(Locale.ROOT, "%s: imbalance %.0f %% -> %.0f %%, %s, %d migration(s)%s%s",
                settings.balancer().label(), score.imbalanceBefore() * 100, score.imbalanceAfter() * 100,
                score.timeToBalance().map(t -> "balanced after " + t.toSeconds() + " s")
                        .orElse("not balanced within " + settings.watch().toSeconds() + " s"),
                score.migrations(), score.failedMigrations() > 0 ? ", " + score.failedMigrations() + " failed" : "",
                score.thrash() > 0 ? ", " + score.thrash() + " back and forth" : "")
                + stranded(score);
    }

    private static String stranded(BalanceScore score) {
        double cpus = score.strandedCpuAfter().orElse(0);
        return cpus < 0.5 ? "" : String.format(Locale.ROOT,
                "; at the end %.1f CPUs stood idle while guests on another node waited for one", cpus);
    }

    /** One watch of the cluster: its readings, and the migrations seen or made. Not thread-safe except where noted. */
    private static final class Watch {

        private final BalanceSettings settings;
        private final RunContext run;
        private final List<ClusterSnapshot> timeline = new ArrayList<>();
        private final MigrationFollower follower;
        private final ExecutorService movers;
        private final List<Migration> made = new ArrayList<>();
        private final TaskWatch tasks;
        private final List<String> failures = new ArrayList<>();
        private final Set<String> unreadQueues = new LinkedHashSet<>();
        private PolicyState state = PolicyState.initial();

        Watch(CaseContext kase, BalanceSettings settings) {
            this.settings = settings;
            this.run = kase.run();
            this.follower = new MigrationFollower(run.migrations(), run.clusterClock(), Duration.ofSeconds(1));
            this.movers = Executors.newFixedThreadPool(settings.policy().maxConcurrent(), r -> {
                Thread t = new Thread(r, "pvebench-balance-move");
                t.setDaemon(true);
                return t;
            });
            this.tasks = new TaskWatch(run, vms(kase).stream().map(GuestVm::vmid).toList(), run.clusterClock().now());
        }

        void until(Instant end) {
            Instant next = run.clusterClock().now();
            while (!next.isAfter(end)) {
                run.waitUntil(next, "watching the balancer");
                read();
                next = next.plus(settings.every());
            }
        }

        private void read() {
            Set<Integer> ha = settings.ha() ? run.scheduler().haVms() : Set.of();
            List<ClusterResource> resources = run.shell().withoutRecording(() -> run.cluster().resources());
            ClusterSnapshot snapshot = ClusterSnapshots.of(run.clusterClock().now(), resources, ha,
                    runQueues(resources));
            timeline.add(snapshot);
            if (settings.balancer() == BalancerKind.THRESHOLD_POLICY) {
                plan();
            } else {
                tasks.poll();
            }
        }

        /**
         * The online nodes' run queues (tasks running or waiting for a CPU now); a node that does not
         * answer is left out (its stranded CPU is then not known) rather than failing the watch.
         */
        private Map<String, Double> runQueues(List<ClusterResource> resources) {
            Map<String, Double> queues = new HashMap<>();
            for (ClusterResource r : resources) {
                if ("node".equals(r.type()) && "online".equals(r.status())) {
                    try {
                        queues.put(r.node(), run.shell().withoutRecording(
                                () -> run.cluster().loadAverage(r.node())).runnable() * 1.0);
                    } catch (RuntimeException e) {
                        unreadQueues.add(r.node() + ": " + e.getMessage());
                    }
                }
            }
            return queues;
        }

        private void plan() {
            Plan plan;
            synchronized (this) {
                plan = settings.policy().plan(timeline, state);
                state = plan.next();
            }
            for (PlannedMove move : plan.moves()) {
                movers.submit(() -> carryOut(move));
            }
        }

        private void carryOut(PlannedMove move) {
            Instant start = run.clusterClock().now();
            boolean arrived = false;
            String failure = null;
            Optional<Disturbance> downtime = Optional.empty();
            try {
                FollowedMigration done = follower.migrate(MigrationRequest.plain(move.vmid(), move.from(), move.to()),
                        MOVE_TIMEOUT);
                arrived = done.succeeded();
                downtime = Disturbances.downtime(done.log(), done.zone());
                if (!arrived) {
                    failure = done.why();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            } catch (RuntimeException e) {
                // a failed move is a result of the balancer, scored as failed, its reason noted
                failure = e.getMessage();
            }
            Instant end = run.clusterClock().now();
            synchronized (this) {
                made.add(new Migration(move.vmid(), move.from(), move.to(), start, end, arrived, downtime));
                state = state.finished(move.vmid(), end, arrived);
                if (failure != null) {
                    failures.add("moving vm " + move.vmid() + " to " + move.to() + " failed: " + failure);
                }
            }
        }

        void finish() {
            movers.shutdown();
            try {
                if (!movers.awaitTermination(run.clusterClock().wallDuration(MOVE_TIMEOUT).toMillis(),
                        TimeUnit.MILLISECONDS)) {
                    movers.shutdownNow();
                }
            } catch (InterruptedException e) {
                movers.shutdownNow();
                Thread.currentThread().interrupt();
            }
            if (settings.balancer() != BalancerKind.THRESHOLD_POLICY) {
                // a move the balancer started must end before teardown takes the VMs out of HA and back
                Instant deadline = run.clusterClock().now().plus(MOVE_TIMEOUT);
                tasks.poll();
                while (tasks.anyRunning() && run.clusterClock().now().isBefore(deadline)) {
                    run.waitUntil(run.clusterClock().now().plus(settings.every()), "waiting for a migration to end");
                    tasks.poll();
                }
            }
        }

        /** Why the moves pvebench made failed, one line each. */
        synchronized List<String> failures() {
            return List.copyOf(failures);
        }

        synchronized List<Migration> migrations() {
            List<Migration> all = new ArrayList<>(made);
            all.addAll(tasks.seen());
            return all;
        }

        /** Run queues that could not be read, once per node and reason. */
        List<String> unreadQueues() {
            return unreadQueues.stream().map(why -> "run queue not read on " + why).toList();
        }

        List<Sample> series(Map<String, String> labels) {
            List<Sample> out = new ArrayList<>();
            for (ClusterSnapshot s : timeline) {
                out.add(Sample.of(Metric.BALANCE_IMBALANCE, s.imbalance() * 100, labels, s.at()));
                for (var node : s.nodes()) {
                    Double queue = s.runQueue().get(node.name());
                    if (queue != null) {
                        Map<String, String> onNode = new HashMap<>(labels);
                        onNode.put("node", node.name());
                        out.add(Sample.of(Metric.BALANCE_RUN_QUEUE, queue / node.cpuCount(), onNode, s.at()));
                    }
                }
            }
            return out;
        }
    }
}
