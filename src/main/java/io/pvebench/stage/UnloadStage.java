package io.pvebench.stage;

import io.pvebench.assess.JudgedSamples;
import io.pvebench.measure.MalformedOutputException;
import io.pvebench.measure.Metric;
import io.pvebench.measure.Sample;
import io.pvebench.measure.StressNgOutput;
import io.pvebench.measure.ToolErrorException;
import io.pvebench.run.Attachment;
import io.pvebench.run.Phase;
import io.pvebench.run.RunFolder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Ends the case's load and sampling and turns what they left into samples: the usage
 * time series (warm-up readings labelled {@code phase=warmup}, so no objective counts
 * them), what each stress-ng process reported, and the load check: per VM, how far the
 * guest CPU Proxmox measured strayed from what the profile aims at. A load that missed
 * its aim by more than the pipeline's tolerance breaks the case: its numbers would not
 * describe the scenario it names.
 */
public final class UnloadStage {

    public static final String NAME = "unload";

    private static final StressNgOutput STRESS_NG = new StressNgOutput();

    public void run(CaseContext kase) {
        LoadSession session = kase.load();
        if (session == null) {
            return;
        }
        StepScope.run(kase, NAME, log -> {
            LoadSession.Outcome outcome = session.stop();
            session.lostLoads().forEach(log::note);
            keep(kase, session, outcome, NAME, log);
            check(kase, session, outcome, log);
        });
    }

    /**
     * Files what a stopped load left as samples, raw outputs and phases, once: the unload
     * stage does it, or teardown when the case broke before unloading, so the usage series
     * up to a fault is kept for whoever looks into it.
     */
    static void keep(CaseContext kase, LoadSession session, LoadSession.Outcome outcome, String stage, StepLog log) {
        if (!session.markKept()) {
            return;
        }
        keepUsage(kase, outcome, log);
        Instant now = kase.run().clusterClock().now();
        keepReports(kase, outcome, stage, now, log);
        markBursts(kase, session, outcome, now);
        outcome.problems().forEach(log::problem);
        log.problems().forEach(kase::broken);
    }

    /** The usage series, its warm-up labelled so no objective counts it, and the raw listings. */
    private static void keepUsage(CaseContext kase, LoadSession.Outcome outcome, StepLog log) {
        Optional<Phase> warmup = warmup(kase);
        List<Sample> usage = outcome.usage().stream()
                .map(s -> warmup.isPresent() && warmup.get().contains(s.timestamp())
                        ? s.withLabels(Map.of(JudgedSamples.PHASE, JudgedSamples.WARMUP)) : s)
                .toList();
        kase.addSamples(usage);
        log.attach(List.of(new Attachment(String.format(Locale.ROOT, "cluster resources every %s s (%d samples)",
                kase.run().pipeline().measure().sampleEvery().toMillis() / 1000.0, usage.size()),
                RunFolder.rawFile(kase.id(), ResourceSampler.RAW_FILE), "application/x-ndjson")));
    }

    /** What each stress-ng process reported, kept as it printed it and as samples. */
    private static void keepReports(CaseContext kase, LoadSession.Outcome outcome, String stage, Instant now,
                                    StepLog log) {
        for (LoadSession.Finished f : outcome.loads()) {
            if (f.result() == null) {
                continue;
            }
            log.attach(GuestOutputs.keep(kase, stage, "stress-ng " + f.run().name() + " vm" + f.vm().vmid(),
                    f.result()));
            Map<String, String> labels = kase.labels(f.vm().node());
            labels.put("vmid", String.valueOf(f.vm().vmid()));
            labels.put("load", f.run().name());
            try {
                kase.addSamples(STRESS_NG.parseMetricsBrief(f.result().stderr(), labels, now));
            } catch (MalformedOutputException | ToolErrorException e) {
                log.problem("the report of the " + f.run().name() + " load in " + f.vm() + " cannot be read: "
                        + e.getMessage());
            }
        }
    }

    /** The case's warm-up as the load stage marked it, if the load had one. */
    private static Optional<Phase> warmup(CaseContext kase) {
        return kase.phases().stream().filter(p -> p.name().equals(LoadStage.WARMUP)).findFirst();
    }

    /** Each burst that ran is a phase of the timeline, cut at the moment the load was stopped. */
    private static void markBursts(CaseContext kase, LoadSession session, LoadSession.Outcome outcome, Instant stop) {
        outcome.loads().stream().map(LoadSession.Finished::run).filter(run -> !run.offset().isZero()).distinct()
                .forEach(run -> {
                    Instant start = session.startedAt().plus(run.offset());
                    Instant end = session.startedAt().plus(run.end());
                    if (start.isBefore(stop)) {
                        kase.addPhase(new Phase(run.name(), start, end.isBefore(stop) ? end : stop));
                    }
                });
    }

    private static void check(CaseContext kase, LoadSession session, LoadSession.Outcome outcome, StepLog log) {
        if (session.plan().isEmpty()) {
            return;
        }
        List<Sample> usage = outcome.usage();
        Instant warmupEnd = warmup(kase).map(Phase::end)
                .orElse(session.startedAt().plus(kase.run().pipeline().measure().warmup()));
        double tolerance = kase.run().pipeline().measure().loadTolerance();
        VmPair pair = kase.run().pair(kase.plan().vmSpec().name());
        List<Sample> samples = new ArrayList<>();
        for (var vm : List.of(pair.server(), pair.client())) {
            String vmid = String.valueOf(vm.vmid());
            List<Sample> cpu = usage.stream().filter(s -> s.metric().equals(Metric.VM_CPU.id())
                    && vmid.equals(s.labels().get("vmid"))).toList();
            LoadCheck.Result result = LoadCheck.check(session.plan(), session.startedAt(), warmupEnd, cpu);
            if (!result.checked()) {
                log.note("load check of " + vm + " skipped: " + result.note());
                continue;
            }
            Map<String, String> labels = kase.labels(vm.node());
            labels.put("vmid", vmid);
            samples.add(Sample.of(Metric.LOAD_CPU_TARGET, result.target(), labels, session.startedAt()));
            samples.add(Sample.of(Metric.LOAD_CPU_ERROR, result.error(), labels, session.startedAt()));
            if (!result.within(tolerance)) {
                String reason = String.format(Locale.ROOT, "load '%s' missed its aim in %s: guest CPU %+.1f points"
                        + " off the %.0f %% aimed at (tolerance %.0f points, %d readings)", session.plan().scenario(),
                        vm, result.error(), result.target(), tolerance, result.readings());
                log.problem(reason);
                kase.broken(reason);
            }
        }
        kase.addSamples(samples);
    }
}
