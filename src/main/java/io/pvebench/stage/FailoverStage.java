package io.pvebench.stage;

import io.pvebench.guest.GuestResult;
import io.pvebench.guest.GuestVm;
import io.pvebench.ha.FailoverPrediction;
import io.pvebench.ha.FailoverPredictor;
import io.pvebench.ha.HaFacts;
import io.pvebench.ha.PredictionCheck;
import io.pvebench.measure.FailoverTimeline;
import io.pvebench.measure.HaJournal;
import io.pvebench.measure.Metric;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.FailoverMethod;
import io.pvebench.pipeline.FailoverSettings;
import io.pvebench.proxmox.ClusterResource;
import io.pvebench.run.Phase;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HA failover as the subject of a case (the pipeline's {@code failover:}; nothing without it).
 * The spec's VMs are made HA resources (and put back after the case); {@code at} after the load's
 * warm-up the chosen node fails the configured way, the fault written to the heal journal first.
 * The stage then reads, from a node that did not fail, where the VMs that ran on the failed node
 * are, until each runs again — elsewhere, or where it was after the cluster saw it down (a node
 * that reset itself and came back before it was fenced) — and its guest agent answers, or the
 * timeout passes. The HA
 * stack's journal of every node that answers times the phases (detected, fence, fence
 * acknowledged, recovery, started), pvebench's own readings the last two (running, reachable).
 * Then the fault is healed and the time until the cluster is whole again measured. A VM that
 * did not come back is a result, not a fault: {@code failover_not_recovered} 1, with what
 * {@code ha-manager status} on a surviving node and the journal say about why.
 */
public final class FailoverStage {

    public static final String NAME = "failover";

    /** How often the guests' return is looked for after maintenance, in cluster time. */
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration AGENT_TIMEOUT = Duration.ofSeconds(5);
    /** Journal lines quoted in a diagnosis, at most. */
    private static final int QUOTED_LINES = 12;

    public void run(CaseContext kase) {
        Optional<FailoverSettings> configured = kase.run().pipeline().failover();
        if (configured.isEmpty()) {
            return;
        }
        FailoverSettings settings = configured.get();
        StepScope.run(kase, NAME, log -> {
            RunContext run = kase.run();
            List<GuestVm> vms = run.loaded(kase.plan().vmSpec().name());
            HaResources.make(kase, vms);
            String node = settings.node().orElseGet(() -> run.nodeOf(vms.get(0).vmid()));
            refuseIfNotAllowed(run, settings, node);
            String survivor = run.cluster().nodes().stream().filter(n -> !n.equals(node)).findFirst()
                    .orElseThrow(() -> new FailoverRefusedException("a failover needs a second node"));
            List<GuestVm> affected = vms.stream().filter(vm -> run.nodeOf(vm.vmid()).equals(node)).toList();
            if (affected.isEmpty()) {
                throw new FailoverRefusedException("no VM of spec '" + kase.plan().vmSpec().name() + "' runs on "
                        + node + ": failing it would measure nothing");
            }
            Map<Integer, String> addresses = new LinkedHashMap<>();
            for (GuestVm vm : affected) {
                addresses.put(vm.vmid(), run.guests().address(new GuestVm(vm.vmid(), node)));
            }
            Optional<GuestVm> peer = peer(run, kase, node);
            if (peer.isEmpty()) {
                log.note("no VM of the spec outside " + node + " to ping the failed node's VMs from: 'answers ping' not"
                        + " measured");
            }
            // the readiness check predicts what a node's failure does; maintenance and stopped HA services are none
            Map<String, FailoverPrediction> predicted = settings.method().destructive()
                    && settings.method() != FailoverMethod.HA_SERVICES
                    ? predict(run, node, survivor, affected, log) : Map.of();
            run.waitUntil(run.clusterClock().now().plus(settings.at()), "before the failover");

            Instant failedAt = run.clusterClock().now();
            InjectedFault fault = kase.recordFault(change(settings, node), heals(settings, node), settings.heal());
            inject(run, settings, node);
            log.note(change(settings, node) + " at " + failedAt.truncatedTo(ChronoUnit.SECONDS));

            FailoverWatch watch = new FailoverWatch(run, node, survivor, affected, peer, addresses);
            watch.until(failedAt.plus(settings.timeout()));
            Instant failoverEnd = run.clusterClock().now();
            List<HaJournal.Event> journal = journal(run, failedAt, node, log);

            Observed observed = new Observed(node, failedAt, failoverEnd, watch, journal);
            for (GuestVm vm : affected) {
                record(kase, settings, observed, vm, Optional.ofNullable(predicted.get("vm:" + vm.vmid())), log);
            }
            kase.addPhase(new Phase("failover", failedAt, failoverEnd));

            Instant healStart = heal(kase, fault, node, log);
            if (settings.method() == FailoverMethod.MAINTENANCE) {
                awaitReturn(kase, node, affected, healStart, settings.heal(), log);
            }
            markRestartedLoads(kase, vms, affected, failedAt, log);
        });
    }

    /** Undoes the fault and times it; returns when healing began. */
    private static Instant heal(CaseContext kase, InjectedFault fault, String node, StepLog log) {
        RunContext run = kase.run();
        Instant healStart = run.clusterClock().now();
        fault.heal();
        Instant healed = run.clusterClock().now();
        kase.addPhase(new Phase("healing", healStart, healed));
        kase.addSamples(List.of(Sample.of(Metric.FAILOVER_HEAL, Duration.between(healStart, healed).toMillis(),
                kase.labels(node), healed)));
        log.note("healed in " + Duration.between(healStart, healed).toSeconds() + " s");
        return healStart;
    }

    /** What the watch saw of a failed node: when it failed, when watching ended, and the HA journal since. */
    private record Observed(String node, Instant failedAt, Instant end, FailoverWatch watch,
                            List<HaJournal.Event> journal) {
    }

    /**
     * One VM of the failed node: its phases as samples and chart bands, its outcome held against the
     * prediction, and, when it was not failed over, why, in the HA stack's words.
     */
    private static void record(CaseContext kase, FailoverSettings settings, Observed o, GuestVm vm,
                               Optional<FailoverPrediction> prediction, StepLog log) {
        FailoverWatch watch = o.watch();
        FailoverTimeline timeline = FailoverTimeline.of(o.failedAt(), o.node(), "vm:" + vm.vmid(), o.journal(),
                watch.running(vm.vmid()), watch.runningOn(vm.vmid()), watch.reachable(vm.vmid()),
                watch.pingable(vm.vmid()));
        Map<String, String> labels = kase.labels(o.node());
        labels.put("vm", String.valueOf(vm.vmid()));
        labels.put("method", settings.method().written());
        timeline.target().ifPresent(t -> labels.put("target", t));
        kase.addSamples(timeline.samples(labels, o.end()));
        // the HA states and reachability as bands on the case's charts
        timeline.fence().ifPresent(f -> kase.addPhase(new Phase("vm " + vm.vmid() + " fence",
                f, timeline.recovery().orElse(o.end()))));
        timeline.recovery().ifPresent(r -> kase.addPhase(new Phase("vm " + vm.vmid() + " recovery",
                r, timeline.running().filter(t -> !t.isBefore(r)).orElse(o.end()))));
        kase.addPhase(new Phase("vm " + vm.vmid() + " unreachable", o.failedAt(),
                timeline.reachable().orElse(o.end())));
        log.note("vm " + vm.vmid() + ": " + timeline.describe());
        prediction.ifPresent(predicted -> {
            // the predicted window counts the guest's boot: it is over when the guest answers
            PredictionCheck check = PredictionCheck.of(predicted, timeline.reachable().or(timeline::running)
                    .map(t -> Duration.between(o.failedAt(), t)), timeline.target());
            log.note("vm " + vm.vmid() + ": " + check.words());
            kase.addSamples(List.of(Sample.of(Metric.FAILOVER_PREDICTION_MISSED, check.held() ? 0 : 1, labels,
                    o.end())));
        });
        if (!timeline.recovered()) {
            log.note("vm " + vm.vmid() + " not failed over within " + settings.timeout().toSeconds()
                    + " s; " + diagnosis(watch.telling(o.failedAt()), o.journal(), "vm:" + vm.vmid()));
        }
    }

    /**
     * A VM that booted again since the failure (its {@code /proc/uptime} is shorter than the time
     * since), or that does not answer, lost the load the case started in it: the unload stage is
     * told, so it does not look for processes that are gone.
     */
    private static void markRestartedLoads(CaseContext kase, List<GuestVm> vms, List<GuestVm> affected,
                                           Instant failedAt, StepLog log) {
        LoadSession load = kase.load();
        RunContext run = kase.run();
        double since = Duration.between(failedAt, run.clusterClock().now()).toMillis() / 1000.0;
        for (GuestVm vm : vms) {
            GuestVm now = new GuestVm(vm.vmid(), run.nodeOf(vm.vmid()));
            try {
                GuestResult uptime = run.guests().exec(now, List.of("cat", "/proc/uptime"), AGENT_TIMEOUT);
                double up = Double.parseDouble(uptime.stdout().strip().split("\\s+")[0]);
                if (uptime.exitCode() == 0 && up < since) {
                    if (affected.stream().noneMatch(a -> a.vmid() == vm.vmid())) {
                        log.note("vm " + vm.vmid() + " on " + now.node() + " restarted too (up " + Math.round(up)
                                + " s): its node reset itself during the failover");
                    }
                    lost(load, vm, "vm " + vm.vmid() + " restarted during the failover (up " + Math.round(up)
                            + " s): its load ended with it");
                }
            } catch (RuntimeException e) {
                lost(load, vm, "vm " + vm.vmid() + " does not answer after the failover (" + Faults.describe(e)
                        + "): its load is lost");
            }
        }
    }

    private static void lost(LoadSession load, GuestVm vm, String why) {
        if (load != null) {
            load.lostWith(vm.vmid(), why);
        }
    }

    /**
     * After maintenance ends the HA stack brings its guests back to the node ({@code maintenance_node}):
     * waits, within {@code within} of {@code from}, until every one runs there again.
     */
    private static void awaitReturn(CaseContext kase, String node, List<GuestVm> vms, Instant from, Duration within,
                                    StepLog log) {
        RunContext run = kase.run();
        Map<Integer, Instant> back = new LinkedHashMap<>();
        Instant deadline = from.plus(within);
        while (back.size() < vms.size() && run.clusterClock().now().isBefore(deadline)) {
            List<ClusterResource> resources = run.shell().withoutRecording(() -> run.cluster().resources(node));
            Instant now = run.clusterClock().now();
            for (GuestVm vm : vms) {
                boolean home = resources.stream().anyMatch(r -> r.isVm() && Integer.valueOf(vm.vmid()).equals(r.vmid())
                        && node.equals(r.node()) && "running".equals(r.status()));
                if (home && !back.containsKey(vm.vmid())) {
                    back.put(vm.vmid(), now);
                }
            }
            if (back.size() < vms.size()) {
                run.waitUntil(now.plus(POLL), "waiting for the guests to come back from maintenance");
            }
        }
        for (GuestVm vm : vms) {
            Map<String, String> labels = kase.labels(node);
            labels.put("vm", String.valueOf(vm.vmid()));
            Instant at = back.get(vm.vmid());
            if (at == null) {
                log.note("vm " + vm.vmid() + " did not come back to " + node + " within " + within.toSeconds()
                        + " s of the maintenance's end");
            } else {
                kase.addSamples(List.of(Sample.of(Metric.FAILOVER_RETURNED, Duration.between(from, at).toMillis(),
                        labels, at)));
                log.note("vm " + vm.vmid() + " back on " + node + " " + Duration.between(from, at).toSeconds()
                        + " s after the maintenance ended");
            }
        }
    }

    /**
     * What the HA readiness check predicts for the VMs of the node about to fail, noted before it
     * fails; empty (and said so) when the cluster's HA facts cannot be read.
     */
    private static Map<String, FailoverPrediction> predict(RunContext run, String node, String survivor,
                                                           List<GuestVm> affected, StepLog log) {
        Map<String, FailoverPrediction> out = new LinkedHashMap<>();
        try {
            HaFacts facts = run.shell().withoutRecording(() -> HaReadiness.read(run.cluster(), run.vms(), survivor));
            for (FailoverPrediction p : new FailoverPredictor().predict(facts)) {
                if (p.failedNode().equals(node) && affected.stream().anyMatch(vm -> p.sid().equals("vm:" + vm.vmid()))) {
                    out.put(p.sid(), p);
                    log.note("predicted: " + p.render() + p.uncertainty().map(u -> " (" + u + ")").orElse(""));
                }
            }
        } catch (RuntimeException e) {
            log.note("no prediction: the HA facts could not be read (" + Faults.describe(e) + ")");
        }
        return out;
    }

    /** A VM of the spec that does not run on the failed node, where it is now, to ping from. */
    private static Optional<GuestVm> peer(RunContext run, CaseContext kase, String failed) {
        for (GuestVm vm : run.loaded(kase.plan().vmSpec().name())) {
            String at = run.nodeOf(vm.vmid());
            if (!at.equals(failed)) {
                return Optional.of(new GuestVm(vm.vmid(), at));
            }
        }
        return Optional.empty();
    }

    /** The loader refuses these already; the node a VM runs on is known only now. */
    private static void refuseIfNotAllowed(RunContext run, FailoverSettings settings, String node) {
        if (!settings.method().destructive()) {
            return;
        }
        if (!run.pipeline().cluster().allowsDestructive()) {
            throw new FailoverRefusedException("failover method '" + settings.method().written() + "' makes a node"
                    + " fail, which " + run.pipeline().cluster().describedWhere() + " does not allow");
        }
        if (run.pipeline().cluster().protectedNodes().contains(node)) {
            throw new FailoverRefusedException("node " + node + " runs the spec's first VM and is protected in "
                    + run.pipeline().cluster().describedWhere() + ": pvebench never makes it fail; name another"
                    + " node in 'failover.node'");
        }
    }

    private static String change(FailoverSettings settings, String node) {
        return switch (settings.method()) {
            case COROSYNC -> "corosync traffic of " + node + " dropped";
            case LINK -> settings.link().orElseThrow() + " of " + node + " down";
            case HA_SERVICES -> "HA services of " + node + " stopped";
            case RESET -> node + " reset";
            case MAINTENANCE -> node + " in HA maintenance";
        };
    }

    private static List<Heal> heals(FailoverSettings settings, String node) {
        return switch (settings.method()) {
            case COROSYNC -> List.of(Heal.of(Heal.Kind.ALLOW_COROSYNC, node), Heal.of(Heal.Kind.AWAIT_NODE, node));
            case LINK -> List.of(new Heal(Heal.Kind.LINK_UP, node, settings.link().orElseThrow()),
                    Heal.of(Heal.Kind.AWAIT_NODE, node));
            case HA_SERVICES -> List.of(Heal.of(Heal.Kind.START_HA_SERVICES, node));
            case RESET -> List.of(Heal.of(Heal.Kind.AWAIT_NODE, node));
            case MAINTENANCE -> List.of(Heal.of(Heal.Kind.END_MAINTENANCE, node));
        };
    }

    private static void inject(RunContext run, FailoverSettings settings, String node) {
        FailoverMethod method = settings.method();
        switch (method) {
            case COROSYNC -> run.faults().dropCorosync(node);
            case LINK -> run.faults().linkDown(node, settings.link().orElseThrow());
            case HA_SERVICES -> run.faults().stopHaServices(node);
            case RESET -> run.faults().sysrqReset(node);
            case MAINTENANCE -> run.faults().nodeMaintenance(node, true);
        }
    }

    /** The HA journal of every node that answers, since the failure, merged in time order. */
    private static List<HaJournal.Event> journal(RunContext run, Instant since, String failed, StepLog log) {
        List<HaJournal.Event> events = new ArrayList<>();
        int year = since.atZone(ZoneOffset.UTC).getYear();
        for (String n : run.cluster().nodes()) {
            try {
                events.addAll(HaJournal.parse(run.cluster().haJournal(n, since.minusSeconds(1)), year));
            } catch (RuntimeException e) {
                log.note("HA journal of " + n + " not read" + (n.equals(failed) ? " (the failed node)" : "") + ": "
                        + Faults.describe(e));
            }
        }
        events.sort(java.util.Comparator.comparing(HaJournal.Event::at));
        return events;
    }

    /** Why a VM did not come back, in the HA stack's own words: the survivor's status and the journal's lines. */
    private static String diagnosis(String status, List<HaJournal.Event> journal, String service) {
        List<String> lines = journal.stream()
                .filter(e -> e.text().contains(service) || e.kind() == HaJournal.Kind.NODE_STATE
                        || e.text().contains("quorum") || e.text().contains("fenc") || e.text().contains("watchdog"))
                .map(e -> e.host() + " " + e.daemon() + ": " + e.text()).toList();
        List<String> last = lines.subList(Math.max(0, lines.size() - QUOTED_LINES), lines.size());
        return status + (last.isEmpty() ? "; the HA journal says nothing about it" : "; HA journal: "
                + String.join(" / ", last));
    }
}
