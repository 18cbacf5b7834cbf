package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.VmInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guest agent's table of processes it started and has not yet reported as exited
 * (qemu-ga {@code guest_exec_state.processes}, QEMU 7.2 as in Debian 12): a process
 * started with {@code qm guest exec --synchronous 0} or left running after {@code
 * --timeout} stays here, running in model time, until {@link #status} reports it
 * exited; that read removes it, as {@code qmp_guest_exec_status} does, so a second read
 * finds no such pid. A guest reboot empties the table. Thread-safe.
 *
 * <p>Pids are deterministic per seed: the first per VM is drawn from {@code
 * guest-pid/VMID}, later ones count up from it by a few.
 */
final class GuestProcesses {

    /** SIGTERM, what {@code pkill} and {@code killall} send. */
    static final int SIGTERM = 15;

    private static final Pattern STRESS_ROW = Pattern.compile(
            "(stress-ng: metrc: \\[\\d+\\] )(\\S+)\\s+(\\d+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+"
                    + "([0-9.]+)(.*)");
    private static final Pattern STRESS_DONE = Pattern.compile("(successful run completed in )[0-9.]+s( \\(.*\\))?");

    /** Runs what a program undoes when it ends (an iperf3 client frees its server) at its end, read or not. */
    private static final ScheduledExecutorService ENDINGS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-guest-process-end");
        t.setDaemon(true);
        return t;
    });

    private static final class Proc {
        final AtomicBoolean finished = new AtomicBoolean();
        final String tool;
        final GuestRun run;
        final Instant vmStartedAt;
        final Instant start;
        final Instant end;
        Instant killedAt;

        Proc(String tool, GuestRun run, Instant vmStartedAt, Instant start) {
            this.tool = tool;
            this.run = run;
            this.vmStartedAt = vmStartedAt;
            this.start = start;
            this.end = run.duration() == null ? null : start.plus(run.duration());
        }

        void finish() {
            if (finished.compareAndSet(false, true)) {
                run.onEnd().run();
            }
        }

        Instant endedAt(Instant now) {
            if (killedAt != null) {
                return killedAt;
            }
            return end != null && !now.isBefore(end) ? end : null;
        }
    }

    private final Map<Integer, Map<Long, Proc>> byVm = new HashMap<>();
    private final Map<Integer, Long> lastPid = new HashMap<>();

    /** The pid the agent gives the next process it starts in {@code vm}. */
    synchronized long nextPid(VmInfo vm, ClusterModel model) {
        var r = model.randoms().next("guest-pid/" + vm.vmid());
        Long last = lastPid.get(vm.vmid());
        long pid = last == null ? 1_000 + r.nextInt(30_000) : last + 1 + r.nextInt(40);
        lastPid.put(vm.vmid(), pid);
        return pid;
    }

    /** {@code run} of {@code tool} started at {@code start} and runs on without anyone waiting for it. */
    synchronized void add(VmInfo vm, long pid, String tool, GuestRun run, Instant start, ClusterModel model) {
        Proc p = new Proc(tool, run, vm.startedAt(), start);
        byVm.computeIfAbsent(vm.vmid(), k -> new LinkedHashMap<>()).put(pid, p);
        if (p.end != null) {
            long nanos = model.clock().wallDuration(Duration.between(model.clock().now(), p.end)).toNanos();
            ENDINGS.schedule(p::finish, Math.max(0, nanos), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * {@code pkill}/{@code killall TOOL} at {@code at}: every process of that tool still
     * running ends there.
     */
    /** {@code kill PID}: ends that process at {@code at}; false when the agent knows no such running pid. */
    synchronized boolean kill(int vmid, long pid, Instant at) {
        Proc p = byVm.getOrDefault(vmid, Map.of()).get(pid);
        if (p == null || p.endedAt(at) != null) {
            return false;
        }
        p.killedAt = at;
        p.finish();
        return true;
    }

    synchronized void kill(int vmid, String tool, Instant at) {
        for (Proc p : byVm.getOrDefault(vmid, Map.of()).values()) {
            if (p.tool.equals(tool) && p.endedAt(at) == null) {
                p.killedAt = at;
                p.finish();
            }
        }
    }

    /**
     * {@code guest-exec-status}: {@code {exited: 0}} while running; once ended {@code
     * exitcode} (or {@code signal}), {@code exited: 1} and the non-empty {@code
     * out-data}/{@code err-data}, and the process is forgotten. Empty when the agent knows
     * no such pid.
     */
    synchronized Optional<JsonObject> status(VmInfo vm, long pid, ClusterModel model) {
        Map<Long, Proc> procs = byVm.getOrDefault(vm.vmid(), Map.of());
        // a rebooted guest runs a new agent with an empty table
        for (Iterator<Proc> it = procs.values().iterator(); it.hasNext(); ) {
            if (!it.next().vmStartedAt.equals(vm.startedAt())) {
                it.remove();
            }
        }
        Proc p = procs.get(pid);
        if (p == null) {
            return Optional.empty();
        }
        Instant ended = p.endedAt(model.clock().now());
        if (ended == null) {
            return Optional.of(new JsonObject().put("exited", 0));
        }
        procs.remove(pid);
        p.finish();
        Reply reply = p.run.reply();
        JsonObject result = new JsonObject();
        String err = reply.stderr();
        boolean early = p.killedAt != null && (p.end == null || p.killedAt.isBefore(p.end));
        if (early && p.tool.equals("stress-ng")) {
            // stress-ng catches SIGTERM, stops its workers and reports the shortened run as usual
            result.put("exitcode", reply.exitCode());
            err = stressNgStopped(err, Duration.between(p.start, ended), p.run.duration());
        } else if (early) {
            result.put("signal", SIGTERM);
        } else {
            result.put("exitcode", reply.exitCode());
        }
        result.put("exited", 1);
        if (!reply.stdout().isEmpty()) {
            result.put("out-data", reply.stdout());
        }
        if (!err.isEmpty()) {
            result.put("err-data", err);
        }
        return Optional.of(result);
    }

    /**
     * What stress-ng 0.15 prints when stopped after {@code ran} of a planned {@code
     * planned}: the same lines, bogo ops and times cut to the part it ran, rates unchanged.
     */
    static String stressNgStopped(String stderr, Duration ran, Duration planned) {
        double real = ran.toNanos() / 1e9 + 0.004;
        double f = planned == null || planned.isZero() ? 1 : Math.min(1, ran.toNanos() / (double) planned.toNanos());
        StringBuilder out = new StringBuilder();
        for (String line : stderr.split("\n", -1)) {
            Matcher row = STRESS_ROW.matcher(line);
            Matcher done = STRESS_DONE.matcher(line);
            if (row.matches()) {
                out.append(row.group(1)).append(String.format(Locale.ROOT, "%-13s %9d %9.2f %9.2f %9.2f %12.2f %14.2f",
                        row.group(2), Math.round(Long.parseLong(row.group(3)) * f), real,
                        Double.parseDouble(row.group(5)) * f, Double.parseDouble(row.group(6)) * f,
                        Double.parseDouble(row.group(7)), Double.parseDouble(row.group(8)))).append(row.group(9));
            } else if (done.find()) {
                String text = StressNg.durationText(real);
                int paren = text.indexOf(" (");
                out.append(line, 0, done.start()).append(done.group(1))
                        .append(String.format(Locale.ROOT, "%.2fs", real))
                        .append(real > 60 && paren >= 0 ? text.substring(paren) : "")
                        .append(line.substring(done.end()));
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        return out.substring(0, out.length() - 1);
    }
}
