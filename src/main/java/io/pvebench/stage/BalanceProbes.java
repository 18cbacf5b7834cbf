package io.pvebench.stage;

import io.pvebench.balance.Migration;
import io.pvebench.guest.GuestResult;
import io.pvebench.guest.GuestVm;
import io.pvebench.guest.NetworkProbes;
import io.pvebench.measure.FpingOutput;
import io.pvebench.measure.Metric;
import io.pvebench.measure.ProbeTrain;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.BalanceSettings;
import io.pvebench.run.Phase;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the guests' users see of a balancer's moves, which Proxmox's reported downtime does not
 * say: for the watch, every VM under the balancer is pinged by a fine fping train
 * ({@link BalanceSettings#probeEvery} apart) from the next VM of the spec, in a ring (VM i from
 * VM i+1, the last from the first). Afterwards each move's blackout is the longest run of its
 * VM's lost probes sent while the move ran, as {@link MigrationProbes} measures one migration.
 * A move during which the probing VM itself migrated is left out: its own pause would count.
 * The trains' round trips are not kept as samples (ten a second per VM for the whole watch);
 * their raw outputs are.
 */
final class BalanceProbes {

    /** How much longer than its run a train may take to report: agent round trips, tool start-up. */
    private static final Duration REPORT_SLACK = Duration.ofSeconds(30);
    /**
     * One train: {@code prober} pings {@code target} {@code count} times; its first probe left at
     * {@code started}, known to within {@code uncertainty} either way (half the time its start took).
     */
    private record Train(GuestVm target, GuestVm prober, long pid, int count, Instant started,
                         Duration uncertainty) {
    }

    private final CaseContext kase;
    private final BalanceSettings settings;
    private final List<Train> trains = new ArrayList<>();
    /** Trains whose report was read: the agent has forgotten their pid, which teardown must not kill. */
    private final Set<Train> collected = ConcurrentHashMap.newKeySet();

    private BalanceProbes(CaseContext kase, BalanceSettings settings) {
        this.kase = kase;
        this.settings = settings;
    }

    /**
     * Starts one train per VM of {@code vms} (at least two), each sending probes for {@code span};
     * returns when all run. Each is recorded so that teardown stops it if the case breaks.
     */
    static BalanceProbes start(CaseContext kase, BalanceSettings settings, List<GuestVm> vms, Duration span,
                               StepLog log) {
        BalanceProbes probes = new BalanceProbes(kase, settings);
        RunContext run = kase.run();
        // where the VMs run now (arrange gathered them), so no agent call must first find its VM; and the
        // addresses before the trains, so these start close together and each start is known closely
        Map<Integer, String> nodes = new HashMap<>();
        run.cluster().resources().stream().filter(r -> r.isVm() && r.vmid() != null)
                .forEach(r -> nodes.put(r.vmid(), r.node()));
        List<GuestVm> here = vms.stream().map(vm -> new GuestVm(vm.vmid(), nodes.getOrDefault(vm.vmid(), vm.node())))
                .toList();
        List<String> addresses = here.stream().map(vm -> run.guests().address(vm)).toList();
        NetworkProbes network = run.probes();
        for (int i = 0; i < here.size(); i++) {
            GuestVm target = here.get(i);
            GuestVm prober = here.get((i + 1) % here.size());
            Instant before = run.clusterClock().now();
            int count = settings.probes(span);
            long pid = network.startPingTrain(prober, addresses.get(i), count, settings.probeEvery());
            Duration half = Duration.between(before, run.clusterClock().now()).dividedBy(2);
            Train train = new Train(target, prober, pid, count, before.plus(half), half);
            kase.recordChange("fping train (pid " + pid + ") in " + prober, () -> probes.stop(train));
            probes.trains.add(train);
        }
        log.note(String.format(Locale.ROOT, "%d fping train(s) started, one probe every %d ms; the slowest start"
                        + " took %d ms", probes.trains.size(), settings.probeEvery().toMillis(),
                probes.trains.stream().mapToLong(t -> t.uncertainty().toMillis() * 2).max().orElse(0)));
        return probes;
    }

    /** Stops a train still running: the case broke before its report was read. */
    private void stop(Train train) {
        if (!collected.contains(train)) {
            kase.run().guests().exec(train.prober(), List.of("kill", String.valueOf(train.pid())), REPORT_SLACK);
        }
    }

    /**
     * Waits for every train's report, keeps it, and returns a {@code balance_move_blackout} per
     * move it saw, in the order the moves began (labels {@code vm}, {@code from}, {@code to},
     * {@code move}), and the watch's {@code balance_blackout_max} and {@code _total} at {@code at};
     * each blackout is shaded on the charts ("blackout vm N").
     */
    List<Sample> collect(List<Migration> moves, Map<String, String> labels, Instant at, StepLog log) {
        Map<Integer, Read> reads = new HashMap<>();
        for (Train train : trains) {
            reads.put(train.target().vmid(), read(train, log));
        }
        List<Migration> ordered = moves.stream().sorted(Comparator.comparing(Migration::start)).toList();
        List<Sample> out = new ArrayList<>();
        double max = 0;
        double total = 0;
        int measured = 0;
        for (int i = 0; i < ordered.size(); i++) {
            Migration m = ordered.get(i);
            Read read = reads.get(m.vmid());
            String move = "move " + (i + 1) + " (vm " + m.vmid() + ")";
            if (read == null) {
                log.note(move + ": no probe watched that VM");
                continue;
            }
            // a move seen through the nodes' tasks was first seen by a reading up to 'every' after it began (the
            // policy's own moves are timed exactly: for them the window is merely wider); the train's own start
            // is known to its uncertainty
            Instant from = m.start().minus(settings.every()).minus(read.train.uncertainty());
            Instant to = m.end().plus(read.train.uncertainty());
            if (ordered.stream().anyMatch(o -> o.vmid() == read.train.prober().vmid() && o.start().isBefore(to)
                    && from.isBefore(o.end()))) {
                log.note(move + ": blackout not measured, its probing vm " + read.train.prober().vmid()
                        + " migrated meanwhile and its own pause would count");
                continue;
            }
            if (from.isBefore(read.train.started()) || to.isAfter(read.probes.end())) {
                log.note(move + ": blackout not measured, the probes did not run for all of it");
                continue;
            }
            Optional<ProbeTrain.Loss> loss = read.probes.longestLoss(from, to);
            double ms = loss.map(l -> l.length().toNanos() / 1e6).orElse(0.0);
            Map<String, String> ofMove = new HashMap<>(labels);
            ofMove.put("vm", String.valueOf(m.vmid()));
            ofMove.put("from", m.from());
            ofMove.put("to", m.to());
            ofMove.put("move", String.valueOf(i + 1));
            out.add(Sample.of(Metric.BALANCE_MOVE_BLACKOUT, ms, ofMove,
                    loss.map(ProbeTrain.Loss::at).orElse(m.start())));
            loss.ifPresent(l -> kase.addPhase(new Phase("blackout vm " + m.vmid(), l.at(), l.at().plus(l.length()))));
            log.note(String.format(Locale.ROOT, "%s, %s -> %s: blackout %.0f ms%s", move, m.from(), m.to(), ms,
                    m.disturbance().map(d -> String.format(Locale.ROOT, " (Proxmox reported %.0f %s)", d.value(),
                            d.unit())).orElse("")));
            max = Math.max(max, ms);
            total += ms;
            measured++;
        }
        if (measured > 0) {
            out.add(Sample.of(Metric.BALANCE_BLACKOUT_MAX, max, labels, at));
            out.add(Sample.of(Metric.BALANCE_BLACKOUT_TOTAL, total, labels, at));
            log.note(String.format(Locale.ROOT, "blackouts seen by probes every %d ms: %d move(s), longest %.0f ms,"
                    + " together %.0f ms", settings.probeEvery().toMillis(), measured, max, total));
        }
        return out;
    }

    /** A train's report as a timeline. */
    private record Read(Train train, ProbeTrain probes) {
    }

    private Read read(Train train, StepLog log) {
        RunContext run = kase.run();
        Instant until = train.started().plus(settings.probeEvery().multipliedBy(train.count()));
        String what = "fping train to vm " + train.target().vmid();
        GuestResult ping = ProbeReports.await(run, train.prober(), train.pid(), what, until, REPORT_SLACK);
        collected.add(train);
        log.attach(GuestOutputs.keep(kase, BalanceStage.NAME, what, ping));
        List<Sample> fping = new FpingOutput().parse(ping.stdout(), ping.stderr(), Map.of(), run.clusterClock().now());
        return new Read(train, ProbeTrain.of(fping, train.started(), settings.probeEvery()));
    }
}
