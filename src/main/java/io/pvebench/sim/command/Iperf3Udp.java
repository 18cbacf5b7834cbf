package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.NetworkModel;
import io.pvebench.sim.model.VmInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The {@code -J} document of an iperf3 3.12 UDP client ({@code -u [-b RATE] [-l LEN] [-P N] [-R]
 * [--get-server-output]}). Layout, key order and the sender/receiver quirks follow the real captures
 * {@code src/test/resources/outputs/iperf3/udp-b100M-t3*.json} and {@code src/test/resources/sim/iperf3/udp-*.json}
 * and iperf 3.12's {@code iperf_print_intermediate}/{@code iperf_print_results}:
 * <ul>
 *   <li>without {@code -R} the client sends: its intervals have {@code packets} but no jitter or loss; the
 *       receiver's jitter and loss reach the client only in {@code end} (and, with {@code --get-server-output},
 *       in the server's text report {@code server_output_text});</li>
 *   <li>with {@code -R} the client receives: every interval has {@code jitter_ms}, {@code lost_packets},
 *       {@code lost_percent}, and all {@code sender} flags are false except {@code sum_sent}'s;</li>
 *   <li>the summary jitter is the receiver's running RFC 3550 estimate at the end (the last interval's);
 *       {@code lost_percent} divides by the sender's packet count while {@code sum_received.packets} is the
 *       receiver's (the highest sequence number seen, so datagrams lost at the very end count in neither);
 *       {@code end.sum} has the sender's bytes and rate with the receiver's end time, jitter and loss.</li>
 * </ul>
 *
 * <p>Physics from {@link NetworkModel}: each stream offers {@code -b} (default 1 Mibit/s, iperf3's
 * {@code UDP_RATE}) of payload in datagrams of {@code -l} bytes (default the control connection's MSS), paced so
 * the packet count is the rate's running total rounded up; the sender's CPU share caps it. The path carries at most
 * the stream's share of the link's UDP goodput (TCP stream capacity scaled by UDP/TCP header overhead); the excess
 * is dropped. A link-loss fault drops each fragment of a datagram with its probability. Jitter comes from one-way
 * delays (half a model round trip under the path's load, this flow's own link use included), smoothed as iperf3
 * does ({@code J += (|D| - J) / 16}) over the last datagrams of each interval. A live migration, even one
 * begun during the test, slows a throttled sender, stops a paused one, and loses the datagrams that reach a
 * receiver paused for its switch-over. Not thread-safe; one per run.
 */
final class Iperf3Udp {

    /** iperf3's {@code UDP_RATE}: the default {@code -b} for UDP, bits/s. */
    static final double DEFAULT_BITRATE = 1024 * 1024;
    private static final int SOCKET_BUFFER = 212992;
    /** Datagrams per interval fed to the jitter estimate: 1/16 gain forgets older ones. */
    private static final int JITTER_WINDOW = 64;

    /** {@code -b}: a number with an optional {@code K}, {@code M}, {@code G} or {@code T} (powers of 1000). */
    static double rate(String text) {
        String t = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
        if (t.isEmpty()) {
            throw new NumberFormatException(text);
        }
        double factor = switch (Character.toUpperCase(t.charAt(t.length() - 1))) {
            case 'K' -> 1e3;
            case 'M' -> 1e6;
            case 'G' -> 1e9;
            case 'T' -> 1e12;
            default -> 1;
        };
        double value = Double.parseDouble(factor == 1 ? t : t.substring(0, t.length() - 1));
        if (value < 0) {
            throw new NumberFormatException(text);
        }
        return value * factor;
    }

    /** Per stream, what the whole test did (measured, not omitted, intervals). */
    private static final class Stream {
        long sentPackets;
        long lostPackets;
        long lastIntervalLost;
        double jitterSeconds;
        double previousTransit = Double.NaN;
        double end;
    }

    /** What the server saw, for {@code --get-server-output}. */
    private final List<Iperf3ServerText.Row> serverRows = new ArrayList<>();
    private final List<Iperf3ServerText.Total> serverTotals = new ArrayList<>();
    private double serverEnd;
    private double sumLostPercent;
    private long receiverPacketTotal;
    private long senderPacketTotal;

    private record Physics(double[] sendBps, double[] loss, int blksize, NetworkModel.PathLoad load,
                           NetworkModel.Path path) {
    }

    /**
     * The test's document, worked out when first asked for: the start section and the path's offer
     * are fixed now; the intervals, drawn then in the order they always were, see the migrations
     * the model has recorded by then.
     */
    Supplier<JsonObject> document(VmInfo vm, VmInfo target, Iperf3.Options o, Random random, ClusterModel model) {
        Instant now = model.clock().now();
        List<Object> connected = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        for (int s = 0; s < o.streams(); s++) {
            ports.add(32768 + random.nextInt(28232));
            connected.add(new JsonObject().put("socket", Iperf3.socket(s)).put("local_host", vm.ip())
                    .put("local_port", ports.get(s)).put("remote_host", o.host())
                    .put("remote_port", o.port()));
        }
        int blksize = o.blksize() > 0 ? o.blksize() : model.network(vm, target).config().mss();
        double offered = o.bitrate() < 0 ? DEFAULT_BITRATE : o.bitrate();
        JsonObject start = new JsonObject().put("connected", connected).put("version", "iperf 3.12")
                .put("system_info", Iperf3.systemInfo(vm))
                .put("timestamp", new JsonObject().put("time", Iperf3.TIME.format(now))
                        .put("timesecs", now.getEpochSecond()))
                .put("connecting_to", new JsonObject().put("host", o.host()).put("port", o.port()))
                .put("cookie", Iperf3.cookie(random)).put("target_bitrate", (long) offered);
        for (int s = 0; s < o.streams(); s++) {
            start.put("sock_bufsize", 0).put("sndbuf_actual", SOCKET_BUFFER).put("rcvbuf_actual", SOCKET_BUFFER);
        }
        start.put("test_start", new JsonObject().put("protocol", "UDP").put("num_streams", o.streams())
                .put("blksize", blksize).put("omit", o.omit()).put("duration", o.seconds()).put("bytes", 0)
                .put("blocks", 0).put("reverse", o.reverse() ? 1 : 0).put("tos", 0)
                .put("target_bitrate", (long) offered));

        VmInfo sender = o.reverse() ? target : vm;
        VmInfo receiver = o.reverse() ? vm : target;
        Physics physics = physics(sender, receiver, o.streams(), blksize, offered, model);
        double delivered = 0;
        for (int s = 0; s < o.streams(); s++) {
            delivered += physics.sendBps()[s] * (1 - physics.loss()[s]);
        }
        model.startFlow(sender.vmid(), receiver.vmid(), "iperf3",
                Duration.ofNanos(Math.round((o.seconds() + o.omit()) * 1e9)), delivered);
        NetworkModel net = model.network(sender, receiver);
        Migrations migrations = new Migrations(model, sender.vmid(), receiver.vmid(), now);
        return () -> {
            Stream[] streams = new Stream[o.streams()];
            for (int s = 0; s < streams.length; s++) {
                streams[s] = new Stream();
            }
            List<Object> intervals = intervals(o, physics, streams, random, net, migrations);
            JsonObject doc = new JsonObject().put("start", start).put("intervals", intervals)
                    .put("end", end(o, physics, streams, random));
            if (o.serverOutput()) {
                doc.put("server_output_text", Iperf3ServerText.udp(vm.ip(), target.ip(), o.port(),
                        32768 + random.nextInt(28232), ports, o.reverse(), serverRows, serverTotals, sumLostPercent,
                        o.reverse() ? senderPacketTotal : receiverPacketTotal, serverEnd));
            }
            return doc;
        };
    }

    /**
     * What migrations did to a span (nanoseconds after the test's start): a throttled or paused
     * sender sends less; datagrams reaching a receiver paused for its switch-over are lost.
     */
    private record Migrations(ClusterModel model, int sender, int receiver, Instant start) {

        double senderRan(long fromNanos, long toNanos) {
            return model.guestRunFraction(sender, start.plusNanos(fromNanos), start.plusNanos(toNanos));
        }

        double receiverPaused(long fromNanos, long toNanos) {
            return model.guestPausedFraction(receiver, start.plusNanos(fromNanos), start.plusNanos(toNanos));
        }
    }

    private static Physics physics(VmInfo sender, VmInfo receiver, int n, int blksize, double offered,
                                   ClusterModel model) {
        NetworkModel net = model.network(sender, receiver);
        NetworkModel.Path path = model.path(sender, receiver);
        NetworkModel.PathLoad load = model.pathLoad(sender, receiver);
        // datagrams go out in fragments of the sender's MTU: dropped where a device takes less
        boolean passes = path == NetworkModel.Path.SELF || model.fits(sender, receiver, blksize + 28);
        NetworkModel.Config c = net.config();
        NetworkModel carrying = new NetworkModel(new NetworkModel.Config(c.linkBitsPerSecond(), c.mtu(), c.mtu(),
                c.bondLinks(), c.bondMode()));
        double[] tcp = passes ? carrying.streamBitsPerSecond(path, n, load) : new double[n];
        double udpFactor = net.udpLinkGoodput(blksize) / net.config().linkGoodput();
        double senderCap = Math.min(load.srcGuestShare(), load.srcHostShare()) * net.bitsPerCore(blksize + 28);
        double fragmentLoss = 1 - Math.pow(1 - model.loss(sender, receiver), net.udpFragments(blksize));
        double[] send = new double[n];
        double[] loss = new double[n];
        double onLink = 0;
        for (int s = 0; s < n; s++) {
            send[s] = offered == 0 ? senderCap : Math.min(offered, senderCap);
            double carried = tcp[s] * udpFactor;
            double overflow = send[s] > carried ? 1 - carried / send[s] : 0;
            loss[s] = 1 - (1 - fragmentLoss) * (1 - overflow);
            onLink += Math.min(send[s], carried);
        }
        if (path == NetworkModel.Path.CROSS_NODE) {
            // this flow's own datagrams queue at the NIC too: jitter grows as it fills the link
            double rho = Math.min(1, load.linkUtilization() + onLink / net.uplinkGoodput());
            load = new NetworkModel.PathLoad(load.srcGuestShare(), load.dstGuestShare(), load.srcHostShare(),
                    load.dstHostShare(), load.srcNodeUtil(), load.dstNodeUtil(), load.srcOversub(),
                    load.dstOversub(), load.srcGuestBusy(), load.dstGuestBusy(), load.competingFlows(), rho);
        }
        return new Physics(send, loss, blksize, load, path);
    }

    private List<Object> intervals(Iperf3.Options o, Physics p, Stream[] streams, Random random, NetworkModel net,
                                   Migrations migrations) {
        int n = streams.length;
        boolean receiving = o.reverse();
        double step = o.interval() > 0 ? o.interval() : o.seconds();
        int omitted = Iperf3.intervalCount(o.omit(), step);
        int measured = Iperf3.intervalCount(o.seconds(), step);
        double[] ends = new double[n];
        double[] cumulative = new double[n];
        List<Object> intervals = new ArrayList<>();
        for (int k = 0; k < omitted + measured; k++) {
            boolean omit = k < omitted;
            if (k == omitted) {
                // measuring restarts after the omitted seconds: counts and time from zero
                for (int s = 0; s < n; s++) {
                    ends[s] = k == 0 ? 0 : Iperf3.micros(random.nextInt(60) + 10);
                    cumulative[s] = 0;
                }
            }
            int index = omit ? k : k - omitted;
            double nominalStart = index * step;
            double nominalEnd = Math.min((index + 1) * step, omit ? o.omit() : o.seconds());
            double base = omit ? 0 : o.omit();
            long fromNanos = Math.round((base + nominalStart) * 1e9);
            long toNanos = Math.round((base + nominalEnd) * 1e9);
            double ran = migrations.senderRan(fromNanos, toNanos);
            double paused = migrations.receiverPaused(fromNanos, toNanos);
            List<Object> list = new ArrayList<>();
            long sumBytes = 0;
            long sumPackets = 0;
            long sumLost = 0;
            double sumJitter = 0;
            double firstStart = 0;
            double firstEnd = 0;
            float firstSeconds = 0;
            for (int s = 0; s < n; s++) {
                Stream st = streams[s];
                double start = ends[s];
                double end = Iperf3.micros(Math.round(nominalEnd * 1e6) + 5 + random.nextInt(200));
                float seconds = (float) (end - start);
                // iperf3 paces: it sends while its average rate is below the target, so the running
                // packet count is the target's running total rounded up
                double rate = p.sendBps()[s];
                if (o.bitrate() == 0 || rate < (o.bitrate() < 0 ? DEFAULT_BITRATE : o.bitrate())) {
                    rate *= 1 + 0.03 * random.nextGaussian();
                }
                double before = cumulative[s];
                cumulative[s] += Math.max(0, rate) * ran * (nominalEnd - nominalStart) / (8.0 * p.blksize());
                long packets = (long) Math.ceil(cumulative[s] - 1e-9) - (long) Math.ceil(before - 1e-9);
                // without a pause the loss stays exactly the path's, so are the draws of the binomial
                double q = paused == 0 ? p.loss()[s] : 1 - (1 - p.loss()[s]) * (1 - paused);
                long lost = binomial(packets, q, random);
                updateJitter(st, packets - lost, p, random, net);
                long bytes = (receiving ? packets - lost : packets) * p.blksize();
                JsonObject js = new JsonObject().put("socket", Iperf3.socket(s)).put("start", start)
                        .put("end", end).put("seconds", (double) seconds).put("bytes", bytes)
                        .put("bits_per_second", bytes * 8 / (double) seconds);
                if (receiving) {
                    js.put("jitter_ms", st.jitterSeconds * 1000).put("lost_packets", lost).put("packets", packets)
                            .put("lost_percent", packets > 0 ? 100.0 * lost / packets : 0.0);
                } else {
                    js.put("packets", packets);
                }
                js.put("omitted", omit).put("sender", !receiving);
                list.add(js);
                serverRows.add(new Iperf3ServerText.Row(start, end, seconds,
                        (receiving ? packets : packets - lost) * p.blksize(), packets, lost, st.jitterSeconds, omit));
                if (s == 0) {
                    firstStart = start;
                    firstEnd = end;
                    firstSeconds = seconds;
                }
                sumBytes += bytes;
                sumPackets += packets;
                sumLost += lost;
                sumJitter += st.jitterSeconds;
                if (!omit) {
                    st.sentPackets += packets;
                    st.lostPackets += lost;
                    st.lastIntervalLost = lost;
                    st.end = end;
                }
                ends[s] = end;
            }
            JsonObject sum = new JsonObject().put("start", firstStart).put("end", firstEnd)
                    .put("seconds", (double) firstSeconds).put("bytes", sumBytes)
                    .put("bits_per_second", sumBytes * 8 / (double) firstSeconds);
            if (receiving) {
                sum.put("jitter_ms", sumJitter / n * 1000).put("lost_packets", sumLost).put("packets", sumPackets)
                        .put("lost_percent", sumPackets > 0 ? 100.0 * sumLost / sumPackets : 0.0);
            } else {
                sum.put("packets", sumPackets);
            }
            sum.put("omitted", omit).put("sender", !receiving);
            if (o.interval() > 0) {
                intervals.add(new JsonObject().put("streams", list).put("sum", sum));
            }
        }
        return intervals;
    }

    /** iperf3's RFC 3550 estimate over the interval's last datagrams, from model one-way delays. */
    private static void updateJitter(Stream st, long received, Physics p, Random random, NetworkModel net) {
        long samples = Math.min(received, JITTER_WINDOW);
        for (long i = 0; i < samples; i++) {
            double transit = net.rttMicros(p.path(), random, p.load()) / 2e6;
            if (!Double.isNaN(st.previousTransit)) {
                st.jitterSeconds += (Math.abs(transit - st.previousTransit) - st.jitterSeconds) / 16;
            }
            st.previousTransit = transit;
        }
    }

    /** Lost datagrams of {@code packets} each lost with {@code q}: exact when few, normal beyond. */
    private static long binomial(long packets, double q, Random random) {
        if (q <= 0 || packets == 0) {
            return 0;
        }
        if (q >= 1) {
            return packets;
        }
        if (packets <= 2000) {
            long lost = 0;
            for (long i = 0; i < packets; i++) {
                if (random.nextDouble() < q) {
                    lost++;
                }
            }
            return lost;
        }
        double mean = packets * q;
        double draw = mean + Math.sqrt(mean * (1 - q)) * random.nextGaussian();
        return Math.max(0, Math.min(packets, Math.round(draw)));
    }

    private JsonObject end(Iperf3.Options o, Physics p, Stream[] streams, Random random) {
        boolean receiving = o.reverse();
        // the client's own end is its last interval's; the server's comes a little later
        double clientEnd = Math.max(0.001, streams[0].end);
        serverEnd = Iperf3.micros(Math.round(clientEnd * 1e6) + 20 + random.nextInt(180));
        double senderTime = receiving ? serverEnd : clientEnd;
        double receiverTime = receiving ? clientEnd : serverEnd;
        List<Object> list = new ArrayList<>();
        long totalSent = 0;
        long totalReceived = 0;
        long sentPackets = 0;
        long receiverPackets = 0;
        long lost = 0;
        double jitter = 0;
        for (int s = 0; s < streams.length; s++) {
            Stream st = streams[s];
            // the receiver counts a gap only when a later datagram arrives, and its packet count is the highest
            // sequence number it saw: datagrams lost at the very end count in neither
            long trailing = 0;
            while (trailing < st.lastIntervalLost && random.nextDouble() < p.loss()[s]) {
                trailing++;
            }
            long counted = st.lostPackets - trailing;
            long sent = st.sentPackets * p.blksize();
            totalSent += sent;
            totalReceived += (st.sentPackets - st.lostPackets) * p.blksize();
            sentPackets += st.sentPackets;
            receiverPackets += st.sentPackets - trailing;
            lost += counted;
            jitter += st.jitterSeconds;
            serverTotals.add(receiving ? new Iperf3ServerText.Total(sent, st.sentPackets, 0, 0)
                    : new Iperf3ServerText.Total((st.sentPackets - st.lostPackets) * p.blksize(),
                    st.sentPackets - trailing, counted, st.jitterSeconds));
            list.add(new JsonObject().put("udp", new JsonObject().put("socket", Iperf3.socket(s)).put("start", 0)
                    .put("end", senderTime).put("seconds", senderTime).put("bytes", sent)
                    .put("bits_per_second", sent / senderTime * 8).put("jitter_ms", st.jitterSeconds * 1000)
                    .put("lost_packets", counted).put("packets", st.sentPackets)
                    .put("lost_percent", st.sentPackets > 0 ? 100.0 * counted / st.sentPackets : 0.0)
                    .put("out_of_order", 0).put("sender", !receiving)));
        }
        jitter /= streams.length;
        double lostPercent = sentPackets > 0 ? 100.0 * lost / sentPackets : 0.0;
        sumLostPercent = lostPercent;
        receiverPacketTotal = receiverPackets;
        senderPacketTotal = sentPackets;
        double senderBps = totalSent / senderTime * 8;
        double offeredShare = 0;
        for (double bps : p.sendBps()) {
            offeredShare += bps / 25e9;
        }
        double senderCpu = Math.min(100, 0.2 + 100 * offeredShare * (0.9 + 0.2 * random.nextDouble()));
        double receiverCpu = Math.min(100, 0.1 + senderCpu * (0.3 + 0.4 * random.nextDouble()));
        double hostCpu = receiving ? receiverCpu : senderCpu;
        double remoteCpu = receiving ? senderCpu : receiverCpu;
        double hostUser = hostCpu * (0.2 + 0.2 * random.nextDouble());
        double remoteUser = remoteCpu * (0.2 + 0.2 * random.nextDouble());
        return new JsonObject().put("streams", list)
                .put("sum", new JsonObject().put("start", 0).put("end", receiverTime).put("seconds", receiverTime)
                        .put("bytes", totalSent).put("bits_per_second", senderBps).put("jitter_ms", jitter * 1000)
                        .put("lost_packets", lost).put("packets", sentPackets).put("lost_percent", lostPercent)
                        .put("sender", !receiving))
                .put("sum_sent", new JsonObject().put("start", 0).put("end", senderTime).put("seconds", senderTime)
                        .put("bytes", totalSent).put("bits_per_second", totalSent * 8 / senderTime)
                        .put("jitter_ms", 0.0).put("lost_packets", 0).put("packets", sentPackets)
                        .put("lost_percent", 0.0).put("sender", true))
                .put("sum_received", new JsonObject().put("start", 0).put("end", receiverTime)
                        .put("seconds", receiverTime).put("bytes", totalReceived)
                        .put("bits_per_second", totalReceived * 8 / receiverTime).put("jitter_ms", jitter * 1000)
                        .put("lost_packets", lost).put("packets", receiverPackets).put("lost_percent", lostPercent)
                        .put("sender", false))
                .put("cpu_utilization_percent", new JsonObject()
                        .put("host_total", hostCpu).put("host_user", hostUser).put("host_system", hostCpu - hostUser)
                        .put("remote_total", remoteCpu).put("remote_user", remoteUser)
                        .put("remote_system", remoteCpu - remoteUser));
    }
}
