package io.pvebench.stage;

import io.pvebench.assess.JudgedSamples;
import io.pvebench.guest.ApplicationProbe;
import io.pvebench.guest.GuestAgentException;
import io.pvebench.guest.GuestResult;
import io.pvebench.guest.NetworkProbes;
import io.pvebench.measure.ApplicationProbeOutput;
import io.pvebench.measure.FpingOutput;
import io.pvebench.measure.Iperf3Json;
import io.pvebench.measure.Metric;
import io.pvebench.measure.ProbeTrain;
import io.pvebench.measure.Sample;
import io.pvebench.measure.ThroughputDip;
import io.pvebench.pipeline.MigrationSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a migrating VM's users see, measured from the spec's other VM while it migrates:
 * a fine ping train (fping, {@link MigrationSettings#probeEvery} apart) gives the blackout
 * and the latency spike; an iperf3 stream reporting every 0.1 s gives the throughput dip
 * and the throughput lost; HTTP requests every 100 ms (curl) to a small server in the VM
 * (python3's http.server) give the application gap, which TCP's retransmission timers make
 * longer than the pause. All start before the migration and run for the whole
 * observation, so they see the VM before, during and after. Their series are labelled
 * {@code phase=migration}: they show the disturbance, and the {@code migration_*} metrics
 * judge it, not the steady-state objectives.
 */
final class MigrationProbes {

    /** How much longer than its run a probe may take to report: agent round trips, tool start-up. */
    private static final Duration REPORT_SLACK = Duration.ofSeconds(30);
    private static final String STAGE = MigrateStage.NAME;
    /** The application probe's server port in the migrating VM. */
    private static final int APP_PORT = 8080;
    /** Time between the application probe's requests: a user clicking ten times a second. */
    private static final Duration APP_EVERY = Duration.ofMillis(100);

    private final CaseContext kase;
    private final VmPair pair;
    private final MigrationSettings settings;
    private Instant pingStarted;
    private long pingPid;
    private Instant streamStarted;
    private long streamPid;
    private final ApplicationProbe app;
    private Instant appStarted;
    private long appPid;

    MigrationProbes(CaseContext kase, VmPair pair, MigrationSettings settings) {
        this.kase = kase;
        this.pair = pair;
        this.settings = settings;
        this.app = new ApplicationProbe(APP_PORT, APP_EVERY,
                (int) Math.max(1, settings.observe().toMillis() / APP_EVERY.toMillis()), Duration.ofSeconds(3),
                Duration.ofSeconds(5));
    }

    /** Starts the iperf3 server, then the stream and the ping train; returns when both run. */
    void start(StepLog log) {
        RunContext run = kase.run();
        NetworkProbes probes = run.probes();
        kase.recordChange("iperf3 server in " + pair.server(), () -> probes.stopIperf3Server(pair.server()));
        GuestResult server = probes.startIperf3Server(pair.server());
        log.attach(GuestOutputs.keep(kase, STAGE, "iperf3 server", server));
        if (!server.succeeded()) {
            throw new ProbeFailedException("iperf3 server in " + pair.server() + " exited " + server.exitCode()
                    + ": " + server.stderr().strip());
        }
        long http = run.guests().start(pair.server(), app.serverArgv());
        kase.recordChange("http server (pid " + http + ") in " + pair.server(),
                () -> run.guests().exec(pair.server(), List.of("kill", String.valueOf(http)), REPORT_SLACK));
        streamStarted = run.clusterClock().now();
        streamPid = probes.startIperf3Stream(pair.client(), pair.serverAddress(), settings.observe());
        pingStarted = run.clusterClock().now();
        pingPid = probes.startPingTrain(pair.client(), pair.serverAddress(), settings.probes(), settings.probeEvery());
        appStarted = run.clusterClock().now();
        appPid = run.guests().start(pair.client(), app.clientArgv(pair.serverAddress()));
    }

    /** When the probes started: the observation's zero. */
    Instant started() {
        return streamStarted;
    }

    /**
     * Waits for both probes' reports, keeps them, and returns their samples: the series, and
     * the blackout, latency spike, dip and loss of the migration in {@code [from, to]}.
     */
    List<Sample> collect(Instant from, Instant to, Map<String, String> labels, StepLog log) {
        RunContext run = kase.run();
        Instant deadline = streamStarted.plus(settings.observe()).plus(REPORT_SLACK);
        GuestResult stream = await(streamPid, "iperf3 stream", deadline);
        GuestResult ping = await(pingPid, "fping train", deadline);
        GuestResult requests = await(appPid, "application probe", appStarted.plus(app.nominalDuration())
                .plus(REPORT_SLACK));
        log.attach(GuestOutputs.keep(kase, STAGE, "iperf3 stream", stream));
        log.attach(GuestOutputs.keep(kase, STAGE, "fping train", ping));
        log.attach(GuestOutputs.keep(kase, STAGE, "application probe", requests));
        Instant observedUntil = streamStarted.plus(settings.observe());
        boolean sawItEnd = !to.isAfter(observedUntil);
        if (!sawItEnd) {
            log.note("the probes ended " + Duration.between(observedUntil, to).toSeconds() + " s before the migration"
                    + " did: no blackout, spike or throughput loss measured; make 'migration.observe' longer");
        }
        Map<String, String> series = new HashMap<>(labels);
        series.put(JudgedSamples.PHASE, JudgedSamples.MIGRATION);
        List<Sample> out = new ArrayList<>();

        List<Sample> iperf = new Iperf3Json().parse(stream.stdout(), series);
        ThroughputDip dip = ThroughputDip.of(iperf, streamStarted);
        dip.intervals().forEach(i -> out.add(Sample.of(Metric.THROUGHPUT_INTERVAL, i.bitsPerSecond(), series,
                i.start())));
        dip.during(from, to).filter(effect -> sawItEnd).ifPresentOrElse(effect -> {
            out.add(Sample.of(Metric.MIGRATION_THROUGHPUT_DIP, effect.dipPercent(), labels, from));
            out.add(Sample.of(Metric.MIGRATION_THROUGHPUT_GAP, effect.lost().toNanos() / 1e6, labels, from));
        }, () -> {
            if (sawItEnd) {
                log.note("the iperf3 stream has no interval before the migration to compare with");
            }
        });

        List<Sample> fping = new FpingOutput().parse(ping.stdout(), ping.stderr(), series, run.clusterClock().now());
        ProbeTrain train = ProbeTrain.of(fping, pingStarted, settings.probeEvery());
        out.addAll(train.series(series));
        for (Sample s : new ApplicationProbeOutput().parse(requests.stdout(), APP_EVERY, series, appStarted)) {
            // the per-request series shows the disturbance; the counts and the gap judge it
            out.add(s.metric().equals(Metric.APP_LATENCY.id()) ? s
                    : new Sample(s.metric(), s.value(), s.unit(), labels, s.timestamp()));
        }
        if (!sawItEnd) {
            return out;
        }
        Optional<ProbeTrain.Loss> loss = train.longestLoss();
        out.add(Sample.of(Metric.MIGRATION_BLACKOUT, loss.map(l -> l.length().toNanos() / 1e6).orElse(0.0), labels,
                loss.map(ProbeTrain.Loss::at).orElse(from)));
        loss.ifPresent(l -> kase.addPhase(new io.pvebench.run.Phase("blackout", l.at(), l.at().plus(l.length()))));
        // what the migration added: a saturating iperf3 stream beside the train raises every round trip alike
        double usual = train.medianRtt(pingStarted, from).orElse(0);
        train.maxRtt(from, to).ifPresent(rtt -> out.add(Sample.of(Metric.MIGRATION_RTT_SPIKE, Math.max(0, rtt - usual),
                labels, from)));
        return out;
    }

    private GuestResult await(long pid, String what, Instant deadline) {
        RunContext run = kase.run();
        while (true) {
            Optional<GuestResult> done = run.guests().poll(pair.client(), pid);
            if (done.isPresent()) {
                return done.get();
            }
            if (!run.clusterClock().now().isBefore(deadline)) {
                throw new GuestAgentException("the " + what + " in " + pair.client() + " (pid " + pid
                        + ") did not end within " + REPORT_SLACK.toSeconds() + " s after the observation");
            }
            run.waitUntil(run.clusterClock().now().plusSeconds(1), "waiting for the " + what);
        }
    }
}
