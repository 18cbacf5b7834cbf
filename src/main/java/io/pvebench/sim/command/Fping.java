package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.VmInfo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.ToLongFunction;

/**
 * fping 5.1 (Debian 12) in a guest: {@code [-c N | -C N] [-p MS] [-i MS] [-t MS] [-b SIZE]
 * [-q] [-Q SECS] TARGET...}. As captured in {@code src/test/resources/outputs/fping/}:
 * per-probe lines {@code <target> : [k], 64 bytes, 0.043 ms (0.043 avg, 0% loss)} or
 * {@code timed out} on stdout, in the order replies and timeouts happen (a timeout can
 * follow the next probe's reply); the loss in them counts only probes already answered
 * or timed out; the summary {@code xmt/rcv/%loss = 30/18/40%, min/avg/max = ...} (loss
 * truncated to an integer, no {@code min/avg/max} without replies) on stderr after an
 * empty line; {@code -C} lists every time or {@code -} on stderr; {@code -q} puts
 * everything on stderr without the empty line; {@code -Q} (implies {@code -q}) prints
 * {@code [HH:MM:SS]} and a summary of only its interval, none for the last partial one.
 * Times use fping's {@code sprint_tm} (3 decimals below 1 ms, 2 below 10, 1 below 100);
 * targets are padded to the longest name. Exit 0 when every target answered, 1
 * otherwise, 3 on bad options.
 *
 * <p>Probe k to the j-th target leaves at {@code k x period + j x interval}; its round
 * trip comes from the model (load-dependent), a link-loss fault drops it. Round trips are
 * drawn at the start; a live migration, even one begun during the run, adds its start
 * spike and loses the probes sent while either guest is paused ({@link MigrationEchoes}).
 */
final class Fping {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC);

    /**
     * A probe's reply ({@code rttNanos}) or timeout ({@code rttNanos} {@link MigrationEchoes#LOST}),
     * at {@code atNanos} after the start.
     */
    private record Event(long atNanos, int target, int seq, long rttNanos, long sentNanos) {
    }

    GuestRun run(VmInfo from, List<String> args, ClusterModel model) {
        int count = 1;
        boolean perProbeList = false;
        boolean counting = false;
        long periodMs = 1000;
        long intervalMs = 10;
        long timeoutMs = 500;
        int size = 56;
        boolean quiet = false;
        long reportSeconds = 0;
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") || a.length() < 2) {
                targets.add(a);
                continue;
            }
            char opt = a.charAt(1);
            try {
                if ("cCpitbQ".indexOf(opt) >= 0) {
                    String v = a.length() > 2 ? a.substring(2) : args.get(++i);
                    switch (opt) {
                        case 'c' -> { count = Integer.parseInt(v); counting = true; }
                        case 'C' -> { count = Integer.parseInt(v); counting = true; perProbeList = true; }
                        case 'p' -> periodMs = Math.round(Double.parseDouble(v));
                        case 'i' -> intervalMs = Math.round(Double.parseDouble(v));
                        case 't' -> timeoutMs = Math.round(Double.parseDouble(v));
                        case 'b' -> size = Integer.parseInt(v);
                        default -> { reportSeconds = Long.parseLong(v); quiet = true; }
                    }
                } else if (opt == 'q') {
                    quiet = true;
                } else if (opt == 'v') {
                    return GuestRun.done(Reply.ok("fping: Version 5.1\n"), Duration.ZERO);
                } else if ("ndeAaus4".indexOf(opt) < 0) {
                    return GuestRun.done(usage("invalid option -- '" + opt + "'"), Duration.ZERO);
                }
            } catch (IndexOutOfBoundsException e) {
                return GuestRun.done(usage("option requires an argument -- '" + opt + "'"), Duration.ZERO);
            } catch (NumberFormatException e) {
                return GuestRun.done(usage("invalid argument -- '" + opt + "'"), Duration.ZERO);
            }
        }
        if (targets.isEmpty() || count < 1) {
            return GuestRun.done(usage("no targets given"), Duration.ZERO);
        }
        Settings settings = new Settings(targets, targets.stream().mapToInt(String::length).max().orElse(0), count,
                periodMs, intervalMs, timeoutMs, size, quiet, reportSeconds, counting, perProbeList,
                model.clock().now());
        Random random = model.randoms().next("fping/" + from.vmid() + "/" + String.join(",", targets));
        List<MigrationEchoes> echoes = new ArrayList<>();
        List<Event> planned = new ArrayList<>();
        for (int j = 0; j < targets.size(); j++) {
            VmInfo to = target(from, targets.get(j), model);
            echoes.add(to == null ? null : new MigrationEchoes(model, from, to, settings.start()));
            planned.addAll(plan(settings, j, to == null ? 1 : model.loss(from, to), to == null ? null
                    : r -> model.rttMicros(from, to, r), random));
        }
        // the run ends as planned: a migration's spike or pause on the very last echo does not lengthen it
        long end = planned.stream().mapToLong(Event::atNanos).max().orElse(0);
        return GuestRun.later(() -> render(settings, settle(settings, planned, echoes)), Duration.ofNanos(end),
                () -> { });
    }

    /** The options that shape the output, and the instant the first probe left. */
    private record Settings(List<String> targets, int width, int count, long periodMs, long intervalMs,
                            long timeoutMs, int size, boolean quiet, long reportSeconds, boolean counting,
                            boolean perProbeList, Instant start) {
    }

    /**
     * The probes to target {@code j} as the path is when fping starts: send times, chance losses
     * and round trips under the load of that moment, drawn in the order fping has always drawn them.
     */
    private static List<Event> plan(Settings s, int j, double loss, ToLongFunction<Random> rttMicros,
                                    Random random) {
        double roundTripLoss = 1 - (1 - loss) * (1 - loss);
        List<Event> events = new ArrayList<>();
        for (int k = 0; k < s.count(); k++) {
            long sent = (k * s.periodMs() + j * s.intervalMs()) * 1_000_000L + random.nextInt(40_000);
            if (rttMicros != null && random.nextDouble() >= roundTripLoss) {
                long rtt = rttMicros.applyAsLong(random) * 1_000 + random.nextInt(1_000);
                events.add(new Event(sent + rtt, j, k, rtt, sent));
            } else {
                events.add(timeout(s, j, k, sent));
            }
        }
        return events;
    }

    /** The planned probes as migrations, known only after the run, changed them: spiked or lost. */
    private static List<Event> settle(Settings s, List<Event> planned, List<MigrationEchoes> echoes) {
        List<Event> events = new ArrayList<>(planned.size());
        for (Event e : planned) {
            MigrationEchoes path = echoes.get(e.target());
            long rtt = path == null ? MigrationEchoes.LOST : path.roundTripNanos(e.sentNanos(), e.rttNanos());
            events.add(rtt == MigrationEchoes.LOST ? timeout(s, e.target(), e.seq(), e.sentNanos())
                    : new Event(e.sentNanos() + rtt, e.target(), e.seq(), rtt, e.sentNanos()));
        }
        return events;
    }

    private static Event timeout(Settings s, int target, int seq, long sentNanos) {
        return new Event(sentNanos + s.timeoutMs() * 1_000_000L, target, seq, MigrationEchoes.LOST, sentNanos);
    }

    private static Reply render(Settings s, List<Event> events) {
        List<String> targets = s.targets();
        int width = s.width();
        int count = s.count();
        long periodMs = s.periodMs();
        long intervalMs = s.intervalMs();
        long reportSeconds = s.reportSeconds();
        boolean quiet = s.quiet();
        int size = s.size();
        events.sort(Comparator.comparingLong(Event::atNanos));
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int n = targets.size();
        long[] done = new long[n];
        long[] recv = new long[n];
        long[] total = new long[n];
        long[] min = new long[n];
        long[] max = new long[n];
        java.util.Arrays.fill(min, Long.MAX_VALUE);
        String[][] times = new String[n][count];
        // -Q: counters of the current interval only
        long[] splitSent = new long[n];
        long[] splitRecv = new long[n];
        long[] splitTotal = new long[n];
        long[] splitMin = new long[n];
        long[] splitMax = new long[n];
        java.util.Arrays.fill(splitMin, Long.MAX_VALUE);
        Instant start = s.start();
        long nextReport = reportSeconds * 1_000_000_000L;
        for (Event e : events) {
            while (reportSeconds > 0 && e.atNanos() >= nextReport) {
                err.append('[').append(CLOCK.format(start.plusNanos(nextReport))).append("]\n");
                for (int j = 0; j < n; j++) {
                    long sentInSplit = sentBefore(nextReport, j, count, periodMs, intervalMs)
                            - sentBefore(nextReport - reportSeconds * 1_000_000_000L, j, count, periodMs, intervalMs);
                    splitSent[j] = sentInSplit;
                    summary(err, targets.get(j), width, splitSent[j], splitRecv[j], splitTotal[j], splitMin[j],
                            splitMax[j]);
                    splitRecv[j] = 0;
                    splitTotal[j] = 0;
                    splitMin[j] = Long.MAX_VALUE;
                    splitMax[j] = 0;
                }
                nextReport += reportSeconds * 1_000_000_000L;
            }
            int j = e.target();
            done[j]++;
            if (e.rttNanos() >= 0) {
                recv[j]++;
                total[j] += e.rttNanos();
                min[j] = Math.min(min[j], e.rttNanos());
                max[j] = Math.max(max[j], e.rttNanos());
                splitRecv[j]++;
                splitTotal[j] += e.rttNanos();
                splitMin[j] = Math.min(splitMin[j], e.rttNanos());
                splitMax[j] = Math.max(splitMax[j], e.rttNanos());
                times[j][e.seq()] = tm(e.rttNanos());
            } else {
                times[j][e.seq()] = "-";
            }
            if (!quiet) {
                String avg = recv[j] > 0 ? tm(total[j] / recv[j]) : "NaN";
                long lossPct = (done[j] - recv[j]) * 100 / done[j];
                out.append(pad(targets.get(j), width)).append(" : [").append(e.seq()).append("], ");
                if (e.rttNanos() >= 0) {
                    out.append(size + 8).append(" bytes, ").append(tm(e.rttNanos())).append(" ms (");
                } else {
                    out.append("timed out (");
                }
                out.append(avg).append(" avg, ").append(lossPct).append("% loss)\n");
            }
        }
        if (s.counting()) {
            if (!quiet) {
                err.append('\n');
            }
            for (int j = 0; j < n; j++) {
                if (s.perProbeList()) {
                    err.append(pad(targets.get(j), width)).append(" :");
                    for (String t : times[j]) {
                        err.append(' ').append(t);
                    }
                    err.append('\n');
                } else {
                    summary(err, targets.get(j), width, count, recv[j], total[j], min[j], max[j]);
                }
            }
        } else if (!quiet) {
            // without -c: "<target> is alive" / "is unreachable" on stdout
            out.setLength(0);
            for (int j = 0; j < n; j++) {
                out.append(targets.get(j)).append(recv[j] > 0 ? " is alive\n" : " is unreachable\n");
            }
        }
        boolean allAlive = true;
        for (long r : recv) {
            allAlive &= r > 0;
        }
        return new Reply(out.toString(), err.toString(), allAlive ? 0 : 1);
    }

    private static long sentBefore(long nanos, int target, int count, long periodMs, long intervalMs) {
        if (nanos <= 0) {
            return 0;
        }
        long first = target * intervalMs * 1_000_000L;
        if (nanos <= first) {
            return 0;
        }
        return Math.min(count, (nanos - first - 1) / (periodMs * 1_000_000L) + 1);
    }

    private static void summary(StringBuilder err, String target, int width, long sent, long recv, long total,
                                long min, long max) {
        long loss = sent > 0 ? (sent - recv) * 100 / sent : 0;
        err.append(pad(target, width)).append(" : xmt/rcv/%loss = ").append(sent).append('/').append(recv)
                .append('/').append(loss).append('%');
        if (recv > 0) {
            err.append(", min/avg/max = ").append(tm(min)).append('/').append(tm(total / recv)).append('/')
                    .append(tm(max));
        }
        err.append('\n');
    }

    private static VmInfo target(VmInfo from, String target, ClusterModel model) {
        if (target.equals(from.ip()) || target.startsWith("127.") || target.equals("localhost")) {
            return from;
        }
        return model.vmByIp(target).filter(model::reachable).orElse(null);
    }

    private static String pad(String s, int width) {
        return String.format("%-" + Math.max(1, width) + "s", s);
    }

    /** fping's {@code sprint_tm}: milliseconds with 3, 2, 1 or 0 decimals. */
    static String tm(long nanos) {
        double t = nanos / 1e6;
        if (t < 1.0) {
            return String.format(Locale.ROOT, "%.3f", t);
        } else if (t < 10.0) {
            return String.format(Locale.ROOT, "%.2f", t);
        } else if (t < 100.0) {
            return String.format(Locale.ROOT, "%.1f", t);
        } else if (t < 1_000_000.0) {
            return String.format(Locale.ROOT, "%.0f", t);
        }
        return String.format(Locale.ROOT, "%.3e", t);
    }

    private static Reply usage(String message) {
        return Reply.error("fping: " + message + "\nsee 'fping -h' for usage information\n", 3);
    }
}
