package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.Iperf3Listener;
import io.pvebench.sim.model.NetworkModel;
import io.pvebench.sim.model.VmInfo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * iperf3 3.12 in a guest. {@code -s [-D] [-1] [-p PORT]} registers a server on the
 * guest's address ({@code -D}: returns at once; without it the server runs until
 * killed). {@code -c IP [-p PORT] [-t SEC] [-P N] [-R] [-J] [-i SEC] [-O SEC] [-l LEN]}
 * runs a TCP test, with {@code -u [-b RATE] [--get-server-output]} a UDP test ({@link Iperf3Udp}), and
 * prints the {@code -J} document (also without {@code -J}: the text report is not simulated; with TCP
 * {@code -b} and {@code --get-server-output} are accepted and ignored). Layout, key order, the per-stream repetition of
 * {@code sock_bufsize}, sender bytes in whole 128 KiB blocks, float interval seconds,
 * receiver ends a little after sender ends, {@code sender} flags with {@code -R}, and
 * the error document ({@code "unable to connect to server: Connection refused"}, exit 0 with
 * {@code -J}, as captured in src/test/resources/outputs/iperf3/error-no-server.json)
 * follow the iperf 3.12 captures in {@code src/test/resources/sim/iperf3/}.
 *
 * <p>Rates come from {@link NetworkModel} under the path's current load (link speed, MTU
 * and bond of the nodes, CPU shares, other flows on the link); while the test runs it is a
 * flow in the load model (node CPU, guest net counters, link use). Under a link-loss fault the rate is capped
 * by the Mathis formula and lost segments count as retransmits. A test of T seconds with O omitted seconds
 * takes T + O + 0.1 model seconds. {@code -i} takes 0 (no intervals) or 0.1 to 60 seconds, as iperf3's
 * {@code MIN_INTERVAL} and {@code MAX_INTERVAL}. The path's offer is the one at the start; a live migration
 * of either end, even one begun during the test, throttles the intervals it overlaps, and while the guest
 * is paused for the switch-over nothing moves.
 */
final class Iperf3 {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final int BLKSIZE = 131072;
    /** iperf3's bounds of {@code -i} (0 turns interval reports off). */
    private static final double MIN_INTERVAL = 0.1;
    private static final double MAX_INTERVAL = 60;
    private static final String COOKIE_CHARS = "abcdefghijklmnopqrstuvwxyz234567";

    /**
     * A client's options; {@code blksize} 0 means not given, {@code bitrate} is bits/s
     * ({@code -b}; -1 not given, 0 unlimited).
     */
    record Options(String host, int port, int seconds, int streams, boolean reverse, double interval,
                   int omit, int blksize, boolean udp, double bitrate, boolean serverOutput) {
    }

    GuestRun run(VmInfo vm, List<String> args, ClusterModel model) {
        boolean server = false;
        boolean daemon = false;
        boolean oneOff = false;
        String host = null;
        int port = 5201;
        int seconds = 10;
        int streams = 1;
        boolean reverse = false;
        double interval = 1;
        int omit = 0;
        int blksize = 0;
        boolean udp = false;
        double bitrate = -1;
        boolean serverOutput = false;
        String pidFile = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            try {
                switch (a) {
                    case "-s", "--server" -> server = true;
                    case "-D", "--daemon" -> daemon = true;
                    case "-1", "--one-off" -> oneOff = true;
                    case "-c", "--client" -> host = args.get(++i);
                    case "-p", "--port" -> port = Integer.parseInt(args.get(++i));
                    case "-t", "--time" -> seconds = Integer.parseInt(args.get(++i));
                    case "-P", "--parallel" -> streams = Integer.parseInt(args.get(++i));
                    case "-R", "--reverse" -> reverse = true;
                    case "-i", "--interval" -> interval = Double.parseDouble(args.get(++i));
                    case "-O", "--omit" -> omit = Integer.parseInt(args.get(++i));
                    case "-l", "--length" -> blksize = Integer.parseInt(args.get(++i));
                    case "-I", "--pidfile" -> pidFile = args.get(++i);
                    case "-v", "--version" -> {
                        return GuestRun.done(Reply.ok(version(vm)), Duration.ZERO);
                    }
                    case "-u", "--udp" -> udp = true;
                    case "-b", "--bitrate" -> bitrate = Iperf3Udp.rate(args.get(++i));
                    case "--get-server-output" -> serverOutput = true;
                    case "-J", "--json", "-4", "--forceflush", "-V" -> { }
                    case "-B", "--bind", "-C", "--congestion", "--logfile" -> i++;
                    default -> {
                        return GuestRun.done(Reply.error("iperf3: unrecognized option '" + a + "'\n", 1),
                                Duration.ZERO);
                    }
                }
            } catch (IndexOutOfBoundsException | NumberFormatException e) {
                return GuestRun.done(Reply.error("iperf3: parameter error - invalid argument to " + a + "\n", 1),
                        Duration.ZERO);
            }
        }
        if (interval != 0 && (interval < MIN_INTERVAL || interval > MAX_INTERVAL)) {
            return GuestRun.done(Reply.error("iperf3: parameter error - invalid report interval (min = 0.1, max = 60"
                    + " seconds)\n", 1), Duration.ZERO);
        }
        if (server) {
            model.listen(new Iperf3Listener(vm.vmid(), vm.ip(), port, oneOff, false, pidFile));
            return daemon ? GuestRun.done(Reply.ok(""), Duration.ZERO)
                    : GuestRun.later(() -> Reply.ok(""), null, () -> { });
        }
        if (host == null) {
            return GuestRun.done(Reply.error("iperf3: parameter error - must either be a client (-c) or server"
                    + " (-s)\n", 1), Duration.ZERO);
        }
        if (!udp && blksize == 0) {
            blksize = BLKSIZE;
        }
        return client(vm, new Options(host, port, seconds, streams, reverse, interval, omit, blksize, udp, bitrate,
                serverOutput), model);
    }

    /** iperf3 3.12 with {@code -J} exits 0 even when it fails: the error is only in the document. */
    private static final int JSON_ERROR_EXIT = 0;

    private GuestRun client(VmInfo vm, Options o, ClusterModel model) {
        VmInfo target = model.vmByIp(o.host()).orElse(null);
        if (target == null || !model.reachable(target)) {
            return GuestRun.done(new Reply(errorDocument(vm, "unable to connect to server: No route to host"), "",
                    JSON_ERROR_EXIT), Duration.ofSeconds(3));
        }
        if (model.listener(o.host(), o.port()).isEmpty()) {
            return GuestRun.done(new Reply(errorDocument(vm, "unable to connect to server: Connection refused"),
                    "", JSON_ERROR_EXIT), Duration.ZERO);
        }
        if (!model.claim(o.host(), o.port())) {
            return GuestRun.done(new Reply(errorDocument(vm,
                    "the server is busy running a test. try again later"), "", JSON_ERROR_EXIT), Duration.ZERO);
        }
        NetworkModel.Path path = model.path(vm, target);
        Random random = model.randoms().next("iperf3/" + vm.vmid() + "/" + o.host());
        Supplier<JsonObject> document = o.udp() ? new Iperf3Udp().document(vm, target, o, random, model)
                : document(vm, target, o, path, random, model);
        long seconds = o.seconds() + o.omit();
        Duration duration = Duration.ofSeconds(seconds).plusMillis(100);
        int mss = model.network(vm, target).config().mss();
        String warning = o.udp() && o.blksize() > mss ? "warning: UDP block size " + o.blksize()
                + " exceeds TCP MSS " + mss + ", may result in fragmentation / drops\n" : "";
        return GuestRun.later(() -> new Reply(CJson.print(document.get()), warning, 0), duration,
                () -> model.release(o.host(), o.port()));
    }

    /** {@code iperf3 --version} as Debian 12's iperf3 3.12 prints it (exit 0). */
    private static String version(VmInfo vm) {
        return "iperf 3.12 (cJSON 1.7.15)\n" + systemInfo(vm) + "\nOptional features available: CPU affinity setting,"
                + " IPv6 flow label, SCTP, TCP congestion algorithm setting, sendfile / zerocopy, socket pacing,"
                + " authentication, bind to device, support IPv4 don't fragment\n";
    }

    static String systemInfo(VmInfo vm) {
        return "Linux " + vm.name() + " 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22) x86_64";
    }

    private static String errorDocument(VmInfo vm, String error) {
        JsonObject start = new JsonObject().put("connected", List.of()).put("version", "iperf 3.12")
                .put("system_info", systemInfo(vm));
        return CJson.print(new JsonObject().put("start", start).put("intervals", List.of())
                .put("end", new JsonObject()).put("error", error));
    }

    /**
     * The test's document, worked out when first asked for: the start section, the path's offer and
     * the random draws are fixed now; migrations, recorded when they begin, are asked about then.
     */
    private Supplier<JsonObject> document(VmInfo vm, VmInfo target, Options o, NetworkModel.Path path, Random random,
                                          ClusterModel model) {
        Instant now = model.clock().now();
        List<Object> connected = new ArrayList<>();
        for (int s = 0; s < o.streams(); s++) {
            connected.add(new JsonObject().put("socket", socket(s)).put("local_host", vm.ip())
                    .put("local_port", 32768 + random.nextInt(28232)).put("remote_host", o.host())
                    .put("remote_port", o.port()));
        }
        String cookie = cookie(random);
        JsonObject start = new JsonObject().put("connected", connected).put("version", "iperf 3.12")
                .put("system_info", systemInfo(vm))
                .put("timestamp", new JsonObject().put("time", TIME.format(now)).put("timesecs", now.getEpochSecond()))
                .put("connecting_to", new JsonObject().put("host", o.host()).put("port", o.port()))
                .put("cookie", cookie).put("tcp_mss_default", model.network(vm, target).config().mss())
                .put("target_bitrate", 0);
        for (int s = 0; s < o.streams(); s++) {
            start.put("sock_bufsize", 0).put("sndbuf_actual", 16384).put("rcvbuf_actual", 131072);
        }
        start.put("test_start", new JsonObject().put("protocol", "TCP").put("num_streams", o.streams())
                .put("blksize", o.blksize()).put("omit", o.omit()).put("duration", o.seconds()).put("bytes", 0)
                .put("blocks", 0).put("reverse", o.reverse() ? 1 : 0).put("tos", 0).put("target_bitrate", 0));

        Offer offer = offer(vm, target, o, path, model);
        List<Slot> slots = draw(o, offer, random);
        Throttle throttle = new Throttle(model, vm.vmid(), target.vmid(), now);
        // the flow starts now, at the rate the path gives as far as migrations are known now (the
        // output's own bytes are settled later, with what the migrations did meanwhile)
        startFlow(vm, target, o, settle(o, offer, slots, throttle), model);
        return () -> {
            Measured m = settle(o, offer, slots, throttle);
            return new JsonObject().put("start", start).put("intervals", m.intervals).put("end", end(o, m, random));
        };
    }

    /** The flow loads both guests' nodes (vhost, softirq) and counts into netin/netout while it runs. */
    private static void startFlow(VmInfo vm, VmInfo target, Options o, Measured m, ClusterModel model) {
        long total = 0;
        for (long b : m.sentBytes) {
            total += b;
        }
        VmInfo sender = o.reverse() ? target : vm;
        VmInfo receiver = o.reverse() ? vm : target;
        double seconds = Math.max(0.001, m.senderEnd);
        model.startFlow(sender.vmid(), receiver.vmid(), "iperf3",
                Duration.ofNanos(Math.round((o.seconds() + o.omit()) * 1e9)), total * 8 / seconds);
    }

    private static final class Measured {
        final List<Object> intervals = new ArrayList<>();
        long[] sentBytes;
        long[] retransmits;
        long[] maxCwnd;
        long[] maxWnd;
        long[] maxRtt;
        long[] minRtt;
        long[] sumRtt;
        long[] rttSamples;
        double senderEnd;
    }

    /** What the path offers at the start: its kind, the sender's network, load and loss then. */
    private record Offer(NetworkModel.Path path, NetworkModel net, NetworkModel.PathLoad load, double loss,
                         boolean blackholed) {
    }

    private static Offer offer(VmInfo from, VmInfo to, Options o, NetworkModel.Path path, ClusterModel model) {
        // the sender's bond carries the data; the frame size and the devices on the way are the same both ways
        NetworkModel net = o.reverse() ? model.network(to, from) : model.network(from, to);
        NetworkModel.PathLoad load = o.reverse() ? model.pathLoad(to, from) : model.pathLoad(from, to);
        return new Offer(path, net, load, model.loss(from, to),
                net.config().blackholed() && path != NetworkModel.Path.SELF);
    }

    /**
     * The share of a span (nanoseconds after the test's start) that both ends' vCPUs ran: a
     * migrating end runs throttled, and not at all while paused for its switch-over.
     */
    private record Throttle(ClusterModel model, int vmid, int peer, Instant start) {

        double runFraction(long fromNanos, long toNanos) {
            Instant from = start.plusNanos(fromNanos);
            Instant to = start.plusNanos(toNanos);
            return Math.min(model.guestRunFraction(vmid, from, to), model.guestRunFraction(peer, from, to));
        }
    }

    /** One report interval as drawn at the start: where it lies for the throttle, and its streams. */
    private record Slot(boolean omit, long fromNanos, long toNanos, List<Draw> streams) {
    }

    /**
     * One stream in one interval before migrations are known: its times, the rate the path
     * offers, and the draws that do not depend on the bytes it then carries.
     */
    private record Draw(double start, double end, double bitsPerSecond, long extraBytes, long retransmits, long rtt,
                        long cwnd, long wnd, long rttvar) {
    }

    /** Every random draw of the intervals, in the order the twin has always made them. */
    private static List<Slot> draw(Options o, Offer offer, Random random) {
        int n = o.streams();
        NetworkModel net = offer.net();
        double[] means = net.streamBitsPerSecond(offer.path(), n, offer.load());
        double step = o.interval() > 0 ? o.interval() : o.seconds();
        double[] weights = new double[n];
        double weightSum = 0;
        for (int s = 0; s < n; s++) {
            weights[s] = 1 + 0.08 * random.nextGaussian();
            weightSum += weights[s];
        }
        double[] ends = new double[n];
        // omitted intervals run on their own time base; measured time restarts after them
        int omitted = intervalCount(o.omit(), step);
        int measured = intervalCount(o.seconds(), step);
        List<Slot> slots = new ArrayList<>();
        for (int k = 0; k < omitted + measured; k++) {
            boolean omit = k < omitted;
            if (k == 0 || k == omitted) {
                for (int s = 0; s < n; s++) {
                    ends[s] = k == 0 ? 0 : micros(random.nextInt(60) + 10);
                }
            }
            int index = omit ? k : k - omitted;
            double nominalEnd = Math.min((index + 1) * step, omit ? o.omit() : o.seconds());
            double[] rates = rates(o, offer, means, weights, weightSum, random);
            double base = omit ? 0 : o.omit();
            long fromNanos = Math.round(base * 1e9 + ends[0] * 1e9);
            long toNanos = Math.round(base * 1e9 + nominalEnd * 1e9);
            List<Draw> streams = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                double end = micros(Math.round(nominalEnd * 1e6) + 5 + random.nextInt(300));
                long extraBytes = o.reverse() ? random.nextInt(o.blksize()) : 0;
                long retr = offer.blackholed() ? 0 : net.intervalRetransmits(offer.path(), offer.load(), random);
                long rtt = net.tcpRttMicros(offer.path(), random, offer.load());
                long cwnd = (long) net.config().mss() * (250 + random.nextInt(900));
                long wnd = 2_000_000L + random.nextInt(2_000_000);
                long rttvar = o.reverse() ? 0 : rtt / 4 + random.nextInt(40);
                streams.add(new Draw(ends[s], end, rates[s], extraBytes, retr, rtt, cwnd, wnd, rttvar));
                ends[s] = end;
            }
            slots.add(new Slot(omit, fromNanos, toNanos, streams));
        }
        return slots;
    }

    /**
     * Report intervals in {@code seconds}: a fractional step such as {@code -i 0.1} divides a whole
     * number of seconds into a whole number of intervals, whatever the binary rounding of 0.1.
     */
    static int intervalCount(double seconds, double step) {
        return (int) Math.ceil(seconds / step - 1e-9);
    }

    private static double[] rates(Options o, Offer offer, double[] means, double[] weights, double weightSum,
                                  Random random) {
        int n = means.length;
        NetworkModel net = offer.net();
        double[] rates = new double[n];
        for (int s = 0; s < n; s++) {
            // streams that share a link split it unevenly; LACP gives each its own link
            boolean ownLink = offer.path() == NetworkModel.Path.CROSS_NODE
                    && net.config().bondMode().equals("802.3ad") && n <= net.config().bondLinks();
            double weight = ownLink ? 1 : weights[s] * n / weightSum;
            rates[s] = net.intervalBitsPerSecond(means[s], offer.path(), offer.load(), random) * weight;
            if (offer.loss() > 0) {
                // Mathis et al.: TCP throughput <= MSS / RTT * 1.22 / sqrt(p)
                double rtt = net.tcpRttMicros(offer.path(), random, offer.load()) / 1e6;
                rates[s] = Math.min(rates[s], net.config().mss() * 8 / rtt * 1.22 / Math.sqrt(offer.loss()));
            }
        }
        return rates;
    }

    /** The intervals' bytes and counters with the throttle of migrations as the model knows them now. */
    private static Measured settle(Options o, Offer offer, List<Slot> slots, Throttle throttle) {
        int n = o.streams();
        Measured m = new Measured();
        m.sentBytes = new long[n];
        m.retransmits = new long[n];
        m.maxCwnd = new long[n];
        m.maxWnd = new long[n];
        m.maxRtt = new long[n];
        m.minRtt = new long[n];
        m.sumRtt = new long[n];
        m.rttSamples = new long[n];
        java.util.Arrays.fill(m.minRtt, Long.MAX_VALUE);
        for (Slot slot : slots) {
            double run = throttle.runFraction(slot.fromNanos(), slot.toNanos());
            boolean omit = slot.omit();
            List<Object> streams = new ArrayList<>();
            long sumBytes = 0;
            long sumRetr = 0;
            for (int s = 0; s < n; s++) {
                Draw d = slot.streams().get(s);
                float seconds = (float) (d.end() - d.start());
                long bytes = (long) (d.bitsPerSecond() * run * seconds / 8);
                bytes = o.reverse() ? bytes + d.extraBytes() : bytes / o.blksize() * o.blksize();
                long retr = offer.blackholed() ? rtoExpiries(d.start(), d.end())
                        : d.retransmits() + Math.round(bytes / (double) offer.net().config().mss() * offer.loss());
                JsonObject st = new JsonObject().put("socket", socket(s)).put("start", d.start())
                        .put("end", d.end()).put("seconds", (double) seconds).put("bytes", bytes)
                        .put("bits_per_second", bytes * 8 / (double) seconds);
                if (!o.reverse()) {
                    st.put("retransmits", retr).put("snd_cwnd", d.cwnd()).put("snd_wnd", d.wnd())
                            .put("rtt", d.rtt()).put("rttvar", d.rttvar()).put("pmtu", offer.net().config().mtu());
                }
                st.put("omitted", omit).put("sender", !o.reverse());
                streams.add(st);
                sumBytes += bytes;
                sumRetr += retr;
                if (!omit) {
                    count(m, s, d, bytes, retr);
                }
            }
            Draw first = slot.streams().get(0);
            float sumSeconds = (float) (first.end() - first.start());
            JsonObject sum = new JsonObject().put("start", first.start()).put("end", first.end())
                    .put("seconds", (double) sumSeconds).put("bytes", sumBytes)
                    .put("bits_per_second", sumBytes * 8 / (double) sumSeconds);
            if (!o.reverse()) {
                sum.put("retransmits", sumRetr);
            }
            sum.put("omitted", omit).put("sender", !o.reverse());
            if (o.interval() > 0) {
                m.intervals.add(new JsonObject().put("streams", streams).put("sum", sum));
            }
        }
        return m;
    }

    private static void count(Measured m, int s, Draw d, long bytes, long retr) {
        m.sentBytes[s] += bytes;
        m.retransmits[s] += retr;
        m.maxCwnd[s] = Math.max(m.maxCwnd[s], d.cwnd());
        m.maxWnd[s] = Math.max(m.maxWnd[s], d.wnd());
        m.maxRtt[s] = Math.max(m.maxRtt[s], d.rtt());
        m.minRtt[s] = Math.min(m.minRtt[s], d.rtt());
        m.sumRtt[s] += d.rtt();
        m.rttSamples[s]++;
        m.senderEnd = Math.max(m.senderEnd, d.end());
    }

    /**
     * Retransmissions of a connection whose full-size segments are all dropped, between
     * {@code from} and {@code to} seconds: one per expiry of the retransmission timer,
     * which starts at 200 ms and doubles each time (Linux's TCP_RTO_MIN and backoff).
     */
    static long rtoExpiries(double from, double to) {
        long count = 0;
        double at = 0.2;
        double rto = 0.2;
        while (at < to) {
            if (at >= from) {
                count++;
            }
            rto = Math.min(rto * 2, 120);
            at += rto;
        }
        return count;
    }

    private JsonObject end(Options o, Measured m, Random random) {
        boolean sender = !o.reverse();
        double sendEnd = m.senderEnd;
        double recvEnd = micros(Math.round(sendEnd * 1e6) + 20 + random.nextInt(60));
        List<Object> streams = new ArrayList<>();
        long sentTotal = 0;
        long recvTotal = 0;
        long retrTotal = 0;
        for (int s = 0; s < o.streams(); s++) {
            long inFlight = Math.min(m.sentBytes[s], 200_000L + random.nextInt(1_500_000));
            long recv = m.sentBytes[s] - inFlight;
            sentTotal += m.sentBytes[s];
            recvTotal += recv;
            retrTotal += m.retransmits[s];
            JsonObject snd = new JsonObject().put("socket", socket(s)).put("start", 0).put("end", sendEnd)
                    .put("seconds", sendEnd).put("bytes", m.sentBytes[s])
                    .put("bits_per_second", m.sentBytes[s] * 8 / sendEnd).put("retransmits", m.retransmits[s]);
            if (sender) {
                long samples = Math.max(1, m.rttSamples[s]);
                snd.put("max_snd_cwnd", m.maxCwnd[s]).put("max_snd_wnd", m.maxWnd[s]).put("max_rtt", m.maxRtt[s])
                        .put("min_rtt", m.rttSamples[s] == 0 ? 0 : m.minRtt[s])
                        .put("mean_rtt", m.sumRtt[s] / samples);
            } else {
                // with -R the client only learns the server's totals: no window or RTT data
                snd.put("max_snd_cwnd", 0).put("max_snd_wnd", 0).put("max_rtt", 0).put("min_rtt", 0)
                        .put("mean_rtt", 0);
            }
            snd.put("sender", sender);
            JsonObject rcv = new JsonObject().put("socket", socket(s)).put("start", 0).put("end", recvEnd)
                    .put("seconds", sendEnd).put("bytes", recv).put("bits_per_second", recv * 8 / sendEnd)
                    .put("sender", sender);
            streams.add(new JsonObject().put("sender", snd).put("receiver", rcv));
        }
        double hostSystem = 8 + 6 * random.nextDouble();
        double hostUser = 0.3 + 0.6 * random.nextDouble();
        double remoteSystem = 18 + 10 * random.nextDouble();
        double remoteUser = 0.5 + 1.2 * random.nextDouble();
        return new JsonObject().put("streams", streams)
                .put("sum_sent", new JsonObject().put("start", 0).put("end", sendEnd).put("seconds", sendEnd)
                        .put("bytes", sentTotal).put("bits_per_second", sentTotal * 8 / sendEnd)
                        .put("retransmits", retrTotal).put("sender", sender))
                .put("sum_received", new JsonObject().put("start", 0).put("end", recvEnd).put("seconds", recvEnd)
                        .put("bytes", recvTotal).put("bits_per_second", recvTotal * 8 / sendEnd)
                        .put("sender", sender))
                .put("cpu_utilization_percent", new JsonObject()
                        .put("host_total", hostSystem + hostUser).put("host_user", hostUser)
                        .put("host_system", hostSystem).put("remote_total", remoteSystem + remoteUser)
                        .put("remote_user", remoteUser).put("remote_system", remoteSystem))
                .put("sender_tcp_congestion", "cubic").put("receiver_tcp_congestion", "cubic");
    }

    /** The 36-character test cookie the client sends first. */
    static String cookie(Random random) {
        StringBuilder cookie = new StringBuilder();
        for (int i = 0; i < 36; i++) {
            cookie.append(COOKIE_CHARS.charAt(random.nextInt(COOKIE_CHARS.length())));
        }
        return cookie.toString();
    }

    static int socket(int stream) {
        return 5 + 2 * stream;
    }

    /** A time in seconds with microsecond resolution, as iperf3 takes it from a timeval. */
    static double micros(long micros) {
        return micros / 1e6;
    }
}
