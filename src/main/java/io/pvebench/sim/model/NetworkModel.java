package io.pvebench.sim.model;

import java.util.List;
import java.util.Random;

/**
 * The network between guests. All guests sit on one bridge ({@code vmbr0}) that spans
 * the nodes over 10 Gbit/s links; MTU 1500 unless the hardware or the path say otherwise
 * ({@link Config}).
 *
 * <ul>
 *   <li>TCP goodput between nodes: 10 Gbit/s line rate less Ethernet, IP and TCP (with
 *       timestamps) overhead at MTU 1500 is 10 * 1448/1538 = 9.41 Gbit/s; the model draws
 *       per-interval rates with 0.2 % noise around 9.41 and a few retransmits.</li>
 *   <li>Between guests on the same node traffic never leaves the host: virtio-net over
 *       the Linux bridge, about 20 Gbit/s with 4 % noise (CPU bound), rare retransmits.</li>
 *   <li>RTT between nodes 0.20-0.40 ms, on one node 0.05-0.12 ms, to oneself 0.02-0.05
 *       ms; no loss.</li>
 * </ul>
 * Stateless; every draw takes the caller's seeded {@link Random}.
 *
 * <p><b>Under load</b> ({@link #streamBitsPerSecond}, {@link #rttMicros(Path, Random, PathLoad)}),
 * with a {@link Config} (link speed, MTU, bond):
 * <ul>
 *   <li>A TCP stream between nodes is limited by its link's goodput, {@code speed x
 *       (MTU - 52) / (MTU + 38)} (TCP/IP headers with timestamps; Ethernet preamble,
 *       header, FCS and gap): 9.41 Gbit/s at MTU 1500, 9.90 at 9000. Streams on one link
 *       share it fairly.</li>
 *   <li>Each end also spends CPU per packet (0.3 us) and per bit (15 ps): one core moves
 *       25 Gbit/s at MTU 1500, 52 at 9000. A stream gets at most the smallest CPU share
 *       it finds along the way (the sending and receiving guest thread, the vhost/softirq
 *       work on each node) times that. While a node has idle cores the share is 1, so the
 *       link, not the CPU, is the limit; only oversubscription lowers it.</li>
 *   <li>Bonds: {@code 802.3ad} (LACP, {@code xmit_hash_policy layer3+4}) puts each stream on
 *       one link by its ports (streams spread evenly): one stream gets one link's rate,
 *       several use all links. {@code balance-rr} sprays every stream's packets over all
 *       links, so even one stream exceeds one link; reordering costs 8 % and retransmits.
 *       {@code active-backup}, {@code broadcast}, and {@code balance-xor},
 *       {@code balance-tlb}, {@code balance-alb} (which pick the link by MAC address, one
 *       link per peer) carry one link's worth between two guests ({@link #usableLinks}).</li>
 *   <li>MTU: frames are the guests' MTU (the smaller of the two, as TCP's MSS); when a
 *       device on the way passes only smaller frames ({@link Config#blackholed}) no full-size
 *       segment arrives and TCP moves nothing.</li>
 *   <li>Each node on the path adds a scheduling/softirq delay per packet direction,
 *       exponentially distributed with mean {@code 10 us x u / (1 - 0.9 u)} at CPU
 *       utilization {@code u}, plus 2 ms x the oversubscription beyond 1 (a CFS time
 *       slice); each guest end adds {@code 25 us x g^2 / (1 - 0.8 g)} at vCPU busy
 *       fraction {@code g}; a link that other flows fill to {@code rho} adds
 *       {@code 80 us x rho^2 / (1 - 0.9 rho)} per direction (the NIC's byte queue, which
 *       fq_codel keeps short). So latency and jitter grow with load, smoothly.</li>
 *   <li>Flows already on a link keep their TCP-fair part of it: a new stream among
 *       {@code k} others gets {@code 1/(k+1)}.</li>
 * </ul>
 */
public final class NetworkModel {

    public static final double CROSS_NODE_BPS = 9.41e9;
    public static final double SAME_NODE_BPS = 20.0e9;
    public static final int MTU = 1500;
    /** TCP MSS at MTU 1500 with timestamps, what iperf3 reports as {@code tcp_mss_default}. */
    public static final int MSS = 1448;

    public enum Path { SELF, SAME_NODE, CROSS_NODE }

    /**
     * The network a path meets: NIC link speed (bits/s), the MTU of the frames TCP sends
     * (the guests'), the largest frame every device on the way passes ({@code pathMtu}),
     * the number of bonded links the sender can use (1 = no bond) and the bond mode
     * ({@code none} or a Linux mode: {@code balance-rr}, {@code active-backup},
     * {@code balance-xor}, {@code broadcast}, {@code 802.3ad}, {@code balance-tlb},
     * {@code balance-alb}).
     */
    public record Config(double linkBitsPerSecond, int mtu, int pathMtu, int bondLinks, String bondMode) {

        /** Bond modes the model knows: none, and the kernel's seven. */
        public static final List<String> BOND_MODES = List.of("none", "balance-rr", "active-backup", "balance-xor",
                "broadcast", "802.3ad", "balance-tlb", "balance-alb");

        public static final Config DEFAULT = new Config(10e9, 1500, 1, "none");

        public Config {
            if (!(linkBitsPerSecond > 0)) {
                throw new IllegalArgumentException("link speed must be > 0: " + linkBitsPerSecond);
            }
            if (mtu < 68 || mtu > 65535 || pathMtu < 68 || pathMtu > 65535) {
                throw new IllegalArgumentException("mtu must be 68..65535: " + mtu + ", path " + pathMtu);
            }
            if (bondLinks < 1 || bondLinks > 8) {
                throw new IllegalArgumentException("bond links must be 1..8: " + bondLinks);
            }
            if (!BOND_MODES.contains(bondMode)) {
                throw new IllegalArgumentException("bond mode must be one of " + BOND_MODES + ": " + bondMode);
            }
        }

        /** A network whose every device passes the frames of {@code mtu}. */
        public Config(double linkBitsPerSecond, int mtu, int bondLinks, String bondMode) {
            this(linkBitsPerSecond, mtu, mtu, bondLinks, bondMode);
        }

        /** TCP MSS with timestamps. */
        public int mss() {
            return mtu - 52;
        }

        /** TCP goodput of one link, bits/s. */
        public double linkGoodput() {
            return linkBitsPerSecond * (mtu - 52) / (mtu + 38.0);
        }

        /**
         * Whether full-size frames are dropped on the way: the guests send frames larger than
         * some device passes. A bridge drops them without an ICMP error, so path MTU discovery
         * never learns, and Linux (tcp_mtu_probing 0, the default) keeps retransmitting them.
         */
        public boolean blackholed() {
            return mtu > pathMtu;
        }
    }

    /**
     * What load a path meets: the CPU share a network thread gets on the source and
     * destination node and in the two guests (1 = as much as it wants), the nodes'
     * utilization and oversubscription ({@code demand / cores}), and how busy the two
     * guests' vCPUs are (0..1); other flows crossing the same node links in the same
     * direction: how many, and how much of the links they fill (0..1).
     */
    public record PathLoad(double srcGuestShare, double dstGuestShare, double srcHostShare, double dstHostShare,
                           double srcNodeUtil, double dstNodeUtil, double srcOversub, double dstOversub,
                           double srcGuestBusy, double dstGuestBusy, int competingFlows, double linkUtilization) {

        public static final PathLoad IDLE = new PathLoad(1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);

        public PathLoad(double srcGuestShare, double dstGuestShare, double srcHostShare, double dstHostShare,
                        double srcNodeUtil, double dstNodeUtil, double srcOversub, double dstOversub,
                        double srcGuestBusy, double dstGuestBusy) {
            this(srcGuestShare, dstGuestShare, srcHostShare, dstHostShare, srcNodeUtil, dstNodeUtil, srcOversub,
                    dstOversub, srcGuestBusy, dstGuestBusy, 0, 0);
        }

        double cpuShare() {
            return Math.min(Math.min(srcGuestShare, dstGuestShare), Math.min(srcHostShare, dstHostShare));
        }
    }

    private static final double PACKET_SECONDS = 0.3e-6;
    private static final double BIT_SECONDS = 15e-12;
    private static final double RR_EFFICIENCY = 0.92;

    private final Config config;

    public NetworkModel() {
        this(Config.DEFAULT);
    }

    public NetworkModel(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    /** Bits per second one fully available core moves through the stack at this MTU. */
    public double bitsPerCore() {
        return 1 / (PACKET_SECONDS / (8.0 * config.mtu()) + BIT_SECONDS);
    }

    /**
     * Mean rate of each of {@code streams} parallel TCP streams on a path under a load,
     * bits/s (no noise; see the class comment).
     */
    public double[] streamBitsPerSecond(Path path, int streams, PathLoad load) {
        double cap = load.cpuShare() * bitsPerCore();
        double[] rates = new double[streams];
        if (config.blackholed() && path != Path.SELF) {
            return rates; // the handshake passes, no full-size segment ever does
        }
        double[] caps = new double[streams];
        java.util.Arrays.fill(caps, cap);
        switch (path) {
            case SELF -> java.util.Arrays.fill(rates, Math.min(cap * 1.5, 38.0e9 * load.cpuShare()));
            case SAME_NODE -> {
                // virtio-net over the bridge: no wire, but every byte is copied once more
                double[] bridged = caps.clone();
                for (int s = 0; s < streams; s++) {
                    bridged[s] = caps[s] * SAME_NODE_BPS / 25e9;
                }
                waterFill(rates, bridged, allStreams(streams), 2 * SAME_NODE_BPS);
            }
            case CROSS_NODE -> {
                int links = usableLinks();
                // TCP shares a link per flow: other flows already on it keep their part
                double fairShare = (double) streams / (streams + load.competingFlows());
                if (config.bondMode().equals("balance-rr") && links > 1) {
                    waterFill(rates, caps, allStreams(streams), links * config.linkGoodput() * RR_EFFICIENCY
                            * fairShare);
                } else {
                    for (int link = 0; link < links; link++) {
                        List<Integer> on = new java.util.ArrayList<>();
                        for (int s = link; s < streams; s += links) {
                            on.add(s);
                        }
                        waterFill(rates, caps, on, config.linkGoodput() * fairShare);
                    }
                }
            }
        }
        return rates;
    }

    /**
     * IP packets one UDP datagram of {@code payload} bytes becomes at this MTU: the
     * datagram plus its 8-byte header, cut into fragments of at most {@code MTU - 20}
     * bytes rounded down to a multiple of 8.
     */
    public int udpFragments(int payload) {
        int perFragment = (config.mtu() - 20) / 8 * 8;
        return Math.max(1, (payload + 8 + perFragment - 1) / perFragment);
    }

    /**
     * UDP payload one link carries for datagrams of {@code payload} bytes, bits/s: each
     * fragment adds 20 bytes of IP header and 38 of Ethernet framing (header, FCS,
     * preamble, gap). 9.56 Gbit/s for 1448-byte datagrams on 10 Gbit/s at MTU 1500.
     */
    public double udpLinkGoodput(int payload) {
        return config.linkBitsPerSecond() * payload / (payload + 8.0 + udpFragments(payload) * 58.0);
    }

    /** Bits per second one fully available core moves through the stack in packets of {@code packetBytes}. */
    public double bitsPerCore(int packetBytes) {
        return 1 / (PACKET_SECONDS / (8.0 * packetBytes) + BIT_SECONDS);
    }

    /**
     * Links a node's traffic to one peer guest can use at once. balance-rr sprays packets
     * over all; 802.3ad (hash policy layer3+4) spreads flows by their ports over all;
     * balance-xor, balance-tlb and balance-alb choose the link by the MAC addresses (the
     * default layer2 hash, the receiver's MAC), the same for every flow to one guest;
     * active-backup uses one; broadcast sends every packet on every link, so it carries one
     * link's worth.
     */
    public int usableLinks() {
        return switch (config.bondMode()) {
            case "balance-rr", "802.3ad" -> config.bondLinks();
            default -> 1;
        };
    }

    /** TCP goodput of a node's whole uplink, bits/s. */
    public double uplinkGoodput() {
        return usableLinks() * config.linkGoodput();
    }

    private static List<Integer> allStreams(int n) {
        List<Integer> all = new java.util.ArrayList<>();
        for (int s = 0; s < n; s++) {
            all.add(s);
        }
        return all;
    }

    /** Max-min fair split of {@code capacity} among {@code members}, each at most its cap. */
    private static void waterFill(double[] rates, double[] caps, List<Integer> members, double capacity) {
        List<Integer> open = new java.util.ArrayList<>(members);
        double left = capacity;
        while (!open.isEmpty()) {
            double fair = left / open.size();
            List<Integer> capped = open.stream().filter(s -> caps[s] < fair).toList();
            if (capped.isEmpty()) {
                for (int s : open) {
                    rates[s] = fair;
                }
                return;
            }
            for (int s : capped) {
                rates[s] = caps[s];
                left -= caps[s];
            }
            open.removeAll(capped);
        }
    }

    /** One interval's rate of a stream: small noise at a link limit, more when CPU bound. */
    public double intervalBitsPerSecond(double meanRate, Path path, PathLoad load, Random random) {
        boolean cpuBound = meanRate < 0.97 * config.linkGoodput() || path != Path.CROSS_NODE;
        double noise = path == Path.CROSS_NODE ? (cpuBound ? 0.03 : 0.002) : 0.04;
        return meanRate * (1 + noise * random.nextGaussian());
    }

    /** Extra retransmits per second of one stream: balance-rr reorders, a short CPU falls behind. */
    public int intervalRetransmits(Path path, PathLoad load, Random random) {
        int base = intervalRetransmits(path, random);
        if (path == Path.CROSS_NODE && config.bondMode().equals("balance-rr") && config.bondLinks() > 1) {
            base += 200 + random.nextInt(800);
        }
        return base;
    }

    /** One ICMP echo round trip under load, microseconds. */
    public long rttMicros(Path path, Random random, PathLoad load) {
        return rttMicros(path, random) + extraMicros(path, random, load);
    }

    /** Round trip as the TCP stack sees it under load, microseconds. */
    public long tcpRttMicros(Path path, Random random, PathLoad load) {
        return tcpRttMicros(path, random) + extraMicros(path, random, load);
    }

    private static long extraMicros(Path path, Random random, PathLoad load) {
        double extra = 0;
        // request and reply each pass the scheduler of every node on the path
        for (int direction = 0; direction < 2; direction++) {
            extra += exponential(random, hostDelayMean(load.srcNodeUtil(), load.srcOversub()));
            if (path == Path.CROSS_NODE) {
                extra += exponential(random, hostDelayMean(load.dstNodeUtil(), load.dstOversub()));
            }
        }
        if (path == Path.CROSS_NODE) {
            // a busy link: the packet waits behind the NIC's byte queue (BQL), once per direction
            for (int direction = 0; direction < 2; direction++) {
                extra += exponential(random, linkDelayMean(load.linkUtilization()));
            }
        }
        extra += exponential(random, guestDelayMean(load.dstGuestBusy()));
        extra += exponential(random, guestDelayMean(load.srcGuestBusy()));
        return Math.round(extra);
    }

    static double hostDelayMean(double utilization, double oversubscription) {
        double u = Math.min(1, Math.max(0, utilization));
        return 10 * u / (1 - 0.9 * u) + 2_000 * Math.min(1.5, Math.max(0, oversubscription - 1));
    }

    static double linkDelayMean(double utilization) {
        double rho = Math.min(1, Math.max(0, utilization));
        return 80 * rho * rho / (1 - 0.9 * rho);
    }

    static double guestDelayMean(double busy) {
        double g = Math.min(1, Math.max(0, busy));
        return 25 * g * g / (1 - 0.8 * g);
    }

    private static double exponential(Random random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        return -mean * Math.log(1 - random.nextDouble());
    }

    public double intervalBitsPerSecond(Path path, Random random) {
        return switch (path) {
            case CROSS_NODE -> CROSS_NODE_BPS * (1 + 0.002 * random.nextGaussian());
            case SAME_NODE -> SAME_NODE_BPS * (1 + 0.04 * random.nextGaussian());
            case SELF -> 38.0e9 * (1 + 0.05 * random.nextGaussian());
        };
    }

    /** Retransmitted segments in one second of one stream. */
    public int intervalRetransmits(Path path, Random random) {
        return switch (path) {
            case CROSS_NODE -> random.nextInt(8) == 0 ? 0 : random.nextInt(40);
            case SAME_NODE, SELF -> random.nextInt(10) == 0 ? random.nextInt(5) : 0;
        };
    }

    /** One ICMP echo round trip in microseconds. */
    public long rttMicros(Path path, Random random) {
        double low;
        double span;
        switch (path) {
            case CROSS_NODE -> { low = 200; span = 200; }
            case SAME_NODE -> { low = 50; span = 70; }
            default -> { low = 20; span = 30; }
        }
        // skewed towards the low end, as real RTTs are: most replies fast, a few slow
        double u = random.nextDouble();
        return Math.round(low + span * u * u);
    }

    /** Round trip as the TCP stack sees it (iperf3 {@code rtt} field), microseconds. */
    public long tcpRttMicros(Path path, Random random) {
        return switch (path) {
            case CROSS_NODE -> 250 + random.nextInt(600);
            case SAME_NODE -> 60 + random.nextInt(120);
            case SELF -> 20 + random.nextInt(40);
        };
    }
}
