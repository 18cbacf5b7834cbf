package io.pvebench.stage;

import io.pvebench.guest.GuestAgentException;
import io.pvebench.guest.GuestPort;
import io.pvebench.guest.GuestResult;
import io.pvebench.guest.GuestVm;
import io.pvebench.guest.LoadPlan;
import io.pvebench.guest.LoadRun;
import io.pvebench.measure.Sample;
import io.pvebench.proxmox.ClusterClock;
import io.pvebench.ssh.SshException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The load of one case while it runs: its stress-ng processes in each VM (the steady one
 * at once, bursts at their planned moments from a background thread) and the usage
 * sampler beside them. {@link #stop} ends all of it and gathers what each process
 * reported; it is what the case's undo ledger calls, so an interrupted case never
 * leaves load behind.
 */
final class LoadSession {

    /** A process as it ended; {@code result} is null when its outcome could not be read. */
    record Finished(GuestVm vm, LoadRun run, GuestResult result, String problem) {
    }

    /** What stopping found: the processes' reports, the usage samples and whatever went wrong. */
    record Outcome(List<Finished> loads, List<Sample> usage, List<String> problems) {
    }

    private record Started(GuestVm vm, LoadRun run, long pid) {
    }

    /** How long a stopped stress-ng may take to report (it stops its workers first), in wall time. */
    private static final Duration REPORT_WAIT = Duration.ofSeconds(30);

    private final GuestPort guests;
    private final ClusterClock clock;
    private final List<GuestVm> vms;
    private final LoadPlan plan;
    private final ResourceSampler sampler;
    private final Pacer pacer;
    private final List<Started> started = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private Instant startedAt;
    private final Object stopping = new Object();
    private Thread bursts;
    private boolean halted;
    private final Map<Integer, String> lost = new HashMap<>();
    private boolean kept;
    private Outcome outcome;

    LoadSession(GuestPort guests, ClusterClock clock, List<GuestVm> vms, LoadPlan plan, ResourceSampler sampler) {
        this.guests = guests;
        this.clock = clock;
        this.vms = List.copyOf(vms);
        this.plan = plan;
        this.sampler = sampler;
        this.pacer = new Pacer(clock);
    }

    /** True the first time: whoever gets it files the outcome (see {@link UnloadStage#keep}). */
    synchronized boolean markKept() {
        boolean first = !kept;
        kept = true;
        return first;
    }

    /** How many usage listings the sampler has read at or after {@code t}. */
    long readingsSince(Instant t) {
        return sampler.readingsSince(t);
    }

    LoadPlan plan() {
        return plan;
    }

    /** When the load started on the cluster's clock, or null before {@link #start}. */
    synchronized Instant startedAt() {
        return startedAt;
    }

    /**
     * Starts sampling and the processes due now; later ones follow on a background thread.
     *
     * @throws GuestAgentException when a VM's agent cannot start stress-ng (not installed, agent down)
     */
    void start() {
        synchronized (this) {
            startedAt = clock.now();
        }
        sampler.start();
        List<LoadRun> later = new ArrayList<>();
        for (LoadRun run : plan.runs()) {
            if (run.offset().isZero()) {
                startEverywhere(run);
            } else {
                later.add(run);
            }
        }
        if (!later.isEmpty()) {
            later.sort(Comparator.comparing(LoadRun::offset));
            Thread t = new Thread(() -> startLater(later), "pvebench-bursts");
            t.setDaemon(true);
            synchronized (this) {
                bursts = t;
            }
            t.start();
        }
    }

    /**
     * Stops the bursts, the processes still running (SIGTERM, then each one's report) and the
     * sampler. The first call does the work; later calls return the same outcome.
     */
    /**
     * The load in VM {@code vmid} ended with the VM (a failover restarted it): it is neither stopped
     * nor read at the end, and {@code why} is what the outcome says of it.
     */
    synchronized void lostWith(int vmid, String why) {
        lost.put(vmid, why);
    }

    /** What ended with its VM, one line per VM. */
    synchronized List<String> lostLoads() {
        return List.copyOf(lost.values());
    }

    Outcome stop() {
        synchronized (stopping) {
            if (outcome != null) {
                return outcome;
            }
            Thread burstThread;
            synchronized (this) {
                halted = true;
                burstThread = bursts;
            }
            pacer.stop();
            if (burstThread != null) {
                // a burst being started finishes starting first, so the pkill below reaches it
                try {
                    burstThread.join(REPORT_WAIT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<Started> running;
            List<String> found;
            synchronized (this) {
                running = List.copyOf(started);
                found = new ArrayList<>(problems);
            }
            Set<Integer> gone;
            synchronized (this) {
                gone = Set.copyOf(lost.keySet());
                running = running.stream().filter(s -> !gone.contains(s.vm().vmid())).toList();
            }
            for (GuestVm vm : vms) {
                List<Long> pids = running.stream().filter(s -> s.vm().equals(vm)).map(Started::pid).toList();
                if (!pids.isEmpty()) {
                    found.addAll(kill(vm, pids));
                }
            }
            List<Finished> loads = new ArrayList<>();
            for (Started s : running) {
                loads.add(report(s));
            }
            loads.stream().filter(f -> f.problem() != null).forEach(f -> found.add(f.problem()));
            outcome = new Outcome(loads, sampler.stop(), found);
            return outcome;
        }
    }

    /**
     * SIGTERM to exactly the processes this load started ({@code kill}, procps), never to a
     * stress-ng someone else runs in the guest. stress-ng stops its workers on SIGTERM and
     * reports as usual. A pid that had already ended makes kill exit 1 ("No such process"):
     * fine, its report is read like the others'.
     */
    private List<String> kill(GuestVm vm, List<Long> pids) {
        List<String> argv = new ArrayList<>(List.of("kill", "-TERM"));
        pids.forEach(pid -> argv.add(String.valueOf(pid)));
        try {
            GuestResult kill = guests.exec(vm, argv, REPORT_WAIT);
            return kill.exitCode() > 1 ? List.of("kill of the load in " + vm + " exited " + kill.exitCode() + ": "
                    + kill.stderr().strip()) : List.of();
        } catch (GuestAgentException | SshException e) {
            return List.of("cannot stop the load in " + vm + ": " + e.getMessage());
        }
    }

    private void startLater(List<LoadRun> runs) {
        Instant zero;
        synchronized (this) {
            zero = startedAt;
        }
        for (LoadRun run : runs) {
            if (!pacer.waitUntil(zero.plus(run.offset()))) {
                return;
            }
            try {
                startEverywhere(run);
            } catch (GuestAgentException | SshException e) {
                synchronized (this) {
                    problems.add("cannot start " + run.name() + " of the load: " + e.getMessage());
                }
            }
        }
    }

    private void startEverywhere(LoadRun run) {
        for (GuestVm vm : vms) {
            synchronized (this) {
                if (halted) {
                    return; // stopped meanwhile: starting more would leave it running
                }
            }
            long pid = guests.start(vm, run.argv());
            synchronized (this) {
                started.add(new Started(vm, run, pid));
            }
        }
    }

    private Finished report(Started s) {
        long deadline = System.nanoTime() + REPORT_WAIT.toNanos();
        try {
            while (true) {
                Optional<GuestResult> result = guests.poll(s.vm(), s.pid());
                if (result.isPresent()) {
                    return new Finished(s.vm(), s.run(), result.get(), null);
                }
                if (System.nanoTime() > deadline) {
                    return new Finished(s.vm(), s.run(), null, s.run().name() + " load in " + s.vm()
                            + " (pid " + s.pid() + ") did not end within " + REPORT_WAIT.toSeconds() + " s of pkill");
                }
                Thread.sleep(50);
            }
        } catch (GuestAgentException | SshException e) {
            return new Finished(s.vm(), s.run(), null, "cannot read the report of the " + s.run().name()
                    + " load in " + s.vm() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Finished(s.vm(), s.run(), null, "interrupted while waiting for the " + s.run().name()
                    + " load in " + s.vm());
        }
    }
}
