package io.pvebench.stage;

import io.pvebench.guest.GuestSize;
import io.pvebench.guest.GuestVm;
import io.pvebench.guest.LoadPlan;
import io.pvebench.pipeline.LoadProfile;
import io.pvebench.pipeline.MeasureSettings;
import io.pvebench.pipeline.VmSpec;
import io.pvebench.run.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Puts the case's scenario load on every VM of its spec, the pair and any more (nothing
 * for idle), starts sampling node and guest usage beside it, and lets the load warm up
 * before anything is measured. The load and the sampler go into the undo ledger before they start, so
 * whatever happens next they are stopped. Every stress-ng process has a timeout well
 * past the case's planned length: a pvebench that dies leaves no load running for long.
 */
public final class LoadStage {

    public static final String NAME = "load";
    /** The phase of the case's timeline in which the load settles and nothing is measured. */
    static final String WARMUP = "warmup";

    /** How far a load's own timeout lies beyond what the case plans to measure. */
    private static final Duration LOAD_SLACK = Duration.ofMinutes(10);

    public void run(CaseContext kase) {
        StepScope.run(kase, NAME, log -> {
            RunContext run = kase.run();
            MeasureSettings measure = run.pipeline().measure();
            LoadProfile profile = run.pipeline().load(kase.plan().scenario());
            VmSpec spec = kase.plan().vmSpec();
            Duration window = measure.warmup().plus(run.pipeline().measuredTime()).multipliedBy(2).plus(LOAD_SLACK);
            LoadPlan plan = LoadPlan.of(profile, new GuestSize(spec.cores(), spec.memoryBytes()), window,
                    run.info().seed() ^ kase.id().hashCode());
            List<GuestVm> vms = run.loaded(spec.name());
            ResourceSampler sampler = new ResourceSampler(
                    () -> run.shell().withoutRecording(() -> run.cluster().resourcesJson()), run.clusterClock(),
                    run.folder(), kase.id(), kase.labels(""),
                    vms.stream().map(vm -> String.valueOf(vm.vmid())).collect(java.util.stream.Collectors.toSet()),
                    measure.sampleEvery());
            LoadSession session = new LoadSession(run.guests(), run.clusterClock(), vms, plan, sampler);
            kase.recordChange("load '" + profile.name() + "' and usage sampling in " + vms.stream()
                    .map(GuestVm::toString).collect(java.util.stream.Collectors.joining(", ")), session::stop);
            kase.load(session);
            session.start();
            if (plan.isEmpty() || measure.warmup().isZero()) {
                return;
            }
            Instant start = session.startedAt();
            Instant end = start.plus(measure.warmup());
            try {
                waitForWarmup(kase, session, end);
            } finally {
                kase.addPhase(new Phase(WARMUP, start, run.clusterClock().now()));
            }
        });
    }

    /**
     * Sleeps through the warm-up in short steps, so a stop request ends it early. When the
     * load check's window has too few usage readings by then (slow reads against a
     * time-compressed twin), the warm-up goes on, within a limit, until it has them.
     */
    private static void waitForWarmup(CaseContext kase, LoadSession session, Instant end) {
        RunContext run = kase.run();
        Duration step = Duration.ofMillis(200);
        Instant checkFrom = LoadCheck.windowStart(session.startedAt());
        Instant latest = end.plus(LoadCheck.EXTENSION_LIMIT);
        while (run.clusterClock().now().isBefore(end) || (checkFrom.isBefore(end)
                && session.readingsSince(checkFrom) < LoadCheck.WANTED_READINGS
                && run.clusterClock().now().isBefore(latest))) {
            run.checkNotStopped();
            Duration left = run.clusterClock().wallDuration(Duration.between(run.clusterClock().now(), end));
            try {
                Thread.sleep(Math.max(1, Math.min(step.toMillis(), left.toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunStoppedException("interrupted during the warm-up");
            }
        }
    }
}
