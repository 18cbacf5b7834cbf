package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.NetworkModel;
import io.pvebench.sim.model.VmInfo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * {@code ping [-c N] [-i SEC] [-D] [-q] [-n] [-O] [-W SEC] [-w SEC] [-s SIZE] IP} as
 * iputils 20221126 prints it ({@code ping/ping_common.c}: reply times with 3 decimals
 * below 1 ms, 2 below 10 ms, 1 below 100 ms, none above; loss {@code %g} of a float;
 * {@code rtt min/avg/max/mdev} from integer microseconds with iputils' integer square
 * root; {@code -D} prefixes {@code [sec.usec]}), checked against the captures in
 * {@code src/test/resources/sim/ping/}. Exit 0 with replies, 1 without, 2 on bad use.
 *
 * <p>Model: the n-th request leaves at (n-1) x interval plus a little timer slack; its
 * reply takes the {@link NetworkModel} RTT of the path. A guest whose node is down, or
 * an unused address on the guests' 10.10.0.0/16, gets no ARP answer: each request is reported
 * {@code Destination Host Unreachable} from the sender. Other addresses are not routed:
 * requests vanish. A link-loss fault drops a request or its reply with the link's
 * probability: the reply line is missing, a gap in {@code icmp_seq}. Without {@code -c}
 * (or {@code -w}) ping runs until killed. A live migration, even one begun during the run,
 * adds its start spike and loses the requests sent while either guest is paused
 * ({@link MigrationEchoes}).
 */
final class Ping {

    Reply usage(String message) {
        return Reply.error("ping: " + message + "\n", 2);
    }

    GuestRun run(VmInfo from, List<String> args, ClusterModel model) {
        Long count = null;
        double interval = 1.0;
        Double deadline = null;
        boolean quiet = false;
        boolean timestamps = false;
        int size = 56;
        String target = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            try {
                switch (a) {
                    case "-c" -> count = Long.parseLong(args.get(++i));
                    case "-i" -> interval = Double.parseDouble(args.get(++i));
                    case "-W" -> Double.parseDouble(args.get(++i));
                    case "-w" -> deadline = Double.parseDouble(args.get(++i));
                    case "-s" -> size = Integer.parseInt(args.get(++i));
                    case "-q" -> quiet = true;
                    case "-D" -> timestamps = true;
                    case "-n", "-O", "-4" -> { }
                    case "-V" -> {
                        // iputils 20221126 as Debian 12 builds it
                        return GuestRun.done(Reply.ok("ping from iputils 20221126\nlibcap: yes, IDN: yes, NLS: no,"
                                + " error.h: yes, getrandom(): yes, __fpending(): yes\n"), Duration.ZERO);
                    }
                    default -> {
                        if (a.startsWith("-")) {
                            return GuestRun.done(usage("invalid option -- '" + a.substring(1) + "'"), Duration.ZERO);
                        }
                        target = a;
                    }
                }
            } catch (IndexOutOfBoundsException e) {
                return GuestRun.done(usage("option requires an argument -- '" + a.substring(1) + "'"),
                        Duration.ZERO);
            } catch (NumberFormatException e) {
                return GuestRun.done(usage("invalid argument: '" + args.get(i) + "'"), Duration.ZERO);
            }
        }
        if (target == null) {
            return GuestRun.done(usage("usage error: Destination address required"), Duration.ZERO);
        }
        if (!target.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return GuestRun.done(usage(target + ": Name or service not known"), Duration.ZERO);
        }
        if (count == null && deadline != null) {
            count = (long) Math.floor(deadline / interval) + 1;
        }
        if (count == null) {
            return GuestRun.later(() -> Reply.ok(""), null, () -> { });
        }
        Echoes echoes = plan(from, target, count, interval, size, model);
        Format format = new Format(quiet, timestamps, size);
        return GuestRun.later(() -> render(from, echoes, format),
                Duration.ofNanos(Math.round(durationMillis(count, interval) * 1e6)), () -> { });
    }

    private static double durationMillis(long count, double interval) {
        return (count - 1) * interval * 1000 + 1;
    }

    /**
     * The requests of a run as the path is when ping starts: when each leaves and, for those
     * neither unanswered nor lost by chance, the round trip under the load of that moment.
     * {@code migrations} is null when the target does not answer at all.
     */
    private record Echoes(String target, boolean onBridge, Instant start, long[] sentMicros, long[] rttMicros,
                          MigrationEchoes migrations) {
    }

    private static Echoes plan(VmInfo from, String target, long count, double interval, int size,
                               ClusterModel model) {
        VmInfo to = model.vmByIp(target).orElse(null);
        boolean answers = to != null && model.reachable(to);
        Random random = model.randoms().next("ping/" + from.vmid() + "/" + target);
        Instant start = model.clock().now();
        // a round trip survives when both the request and the reply get through
        double lossPerPacket = answers ? model.loss(from, to) : 0;
        if (answers && from.vmid() != to.vmid() && !model.fits(from, to, size + 28)) {
            lossPerPacket = 1; // a frame larger than a device on the way is dropped there, silently
        }
        double roundTripLoss = 1 - (1 - lossPerPacket) * (1 - lossPerPacket);
        long[] sent = new long[(int) count];
        long[] rtt = new long[(int) count];
        double slackMicros = 0;
        for (int k = 0; k < count; k++) {
            sent[k] = Math.round(k * interval * 1e6 + slackMicros);
            slackMicros += 80 + random.nextInt(900);
            boolean lost = answers && random.nextDouble() < roundTripLoss;
            rtt[k] = answers && !lost ? model.rttMicros(from, to, random) + model.extraLatencyMicros(from, to)
                    : MigrationEchoes.LOST;
        }
        return new Echoes(target, target.startsWith("10.10."), start, sent, rtt,
                answers ? new MigrationEchoes(model, from, to, start) : null);
    }

    private record Format(boolean quiet, boolean timestamps, int size) {
    }

    private Reply render(VmInfo from, Echoes echoes, Format format) {
        boolean quiet = format.quiet();
        boolean timestamps = format.timestamps();
        int size = format.size();
        String target = echoes.target();
        Instant start = echoes.start();
        boolean answers = echoes.migrations() != null;
        long count = echoes.sentMicros().length;
        StringBuilder out = new StringBuilder();
        out.append("PING ").append(target).append(" (").append(target).append(") ").append(size).append('(')
                .append(size + 28).append(") bytes of data.\n");
        long received = 0;
        long errors = 0;
        long tsum = 0;
        long tsum2 = 0;
        long tmin = Long.MAX_VALUE;
        long tmax = 0;
        long lastEventMicros = 0;
        for (long seq = 1; seq <= count; seq++) {
            long sentMicros = echoes.sentMicros()[(int) seq - 1];
            long rtt = answers ? echoes.migrations().roundTripMicros(sentMicros, echoes.rttMicros()[(int) seq - 1])
                    : MigrationEchoes.LOST;
            if (answers && rtt == MigrationEchoes.LOST) {
                lastEventMicros = sentMicros;
            } else if (answers) {
                received++;
                tsum += rtt;
                tsum2 += rtt * rtt;
                tmin = Math.min(tmin, rtt);
                tmax = Math.max(tmax, rtt);
                lastEventMicros = sentMicros + rtt;
                if (!quiet) {
                    if (timestamps) {
                        stamp(out, start.plusNanos(lastEventMicros * 1000));
                    }
                    out.append(size + 8).append(" bytes from ").append(target).append(": icmp_seq=").append(seq)
                            .append(" ttl=64 time=").append(replyTime(rtt)).append('\n');
                }
            } else if (echoes.onBridge()) {
                errors++;
                lastEventMicros = sentMicros;
                if (!quiet) {
                    if (timestamps) {
                        stamp(out, start.plusNanos(sentMicros * 1000));
                    }
                    out.append("From ").append(from.ip()).append(" icmp_seq=").append(seq)
                            .append(" Destination Host Unreachable\n");
                }
            } else {
                lastEventMicros = sentMicros;
            }
        }
        out.append('\n');
        out.append("--- ").append(target).append(" ping statistics ---\n");
        out.append(count).append(" packets transmitted, ").append(received).append(" received");
        if (errors > 0) {
            out.append(", +").append(errors).append(" errors");
        }
        out.append(", ").append(lossPercent(count, received)).append("% packet loss");
        out.append(", time ").append((lastEventMicros + 500) / 1000).append("ms\n");
        if (received > 0) {
            long total = received;
            long tmavg = tsum / total;
            long tmvar = tsum < Integer.MAX_VALUE ? (tsum2 - (tsum * tsum) / total) / total
                    : (tsum2 / total) - (tmavg * tmavg);
            long tmdev = llsqrt(tmvar);
            out.append(String.format("rtt min/avg/max/mdev = %d.%03d/%d.%03d/%d.%03d/%d.%03d ms",
                    tmin / 1000, tmin % 1000, tmavg / 1000, tmavg % 1000, tmax / 1000, tmax % 1000,
                    tmdev / 1000, tmdev % 1000));
        }
        out.append('\n');
        return new Reply(out.toString(), "", received > 0 ? 0 : 1);
    }

    private static void stamp(StringBuilder out, Instant at) {
        out.append('[').append(at.getEpochSecond()).append('.')
                .append(String.format("%06d", at.getNano() / 1000)).append("] ");
    }

    /** iputils' reply time: microseconds printed with 3, 2, 1 or 0 decimals. */
    static String replyTime(long micros) {
        if (micros >= 100_000 - 50) {
            return ((micros + 500) / 1000) + " ms";
        } else if (micros >= 10_000 - 5) {
            return ((micros + 50) / 1000) + "." + (((micros + 50) % 1000) / 100) + " ms";
        } else if (micros >= 1000) {
            return ((micros + 5) / 1000) + "." + String.format("%02d", ((micros + 5) % 1000) / 10) + " ms";
        }
        return (micros / 1000) + "." + String.format("%03d", micros % 1000) + " ms";
    }

    /** {@code printf("%g", (float) (lost * 100.0 / transmitted))}, e.g. {@code 6.66667}. */
    static String lossPercent(long transmitted, long received) {
        float loss = (float) (((transmitted - received) * 100.0) / transmitted);
        return CNumbers.g(new BigDecimal(loss).doubleValue(), 6);
    }

    /** iputils' integer square root (Newton's method), so mdev matches to the microsecond. */
    static long llsqrt(long a) {
        long prev = Long.MAX_VALUE;
        long x = a;
        if (x > 0) {
            while (x < prev) {
                prev = x;
                x = (x + (a / x)) / 2;
            }
        }
        return x;
    }
}
