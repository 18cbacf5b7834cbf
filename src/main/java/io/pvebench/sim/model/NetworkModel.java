package io.pvebench.sim.model;

import java.util.Random;

/**
 * The network between guests. All guests sit on one bridge ({@code vmbr0}, MTU 1500)
 * that spans the nodes over 10 Gbit/s links.
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
 */
public final class NetworkModel {

    public static final double CROSS_NODE_BPS = 9.41e9;
    public static final double SAME_NODE_BPS = 20.0e9;
    public static final int MTU = 1500;
    /** TCP MSS at MTU 1500 with timestamps, what iperf3 reports as {@code tcp_mss_default}. */
    public static final int MSS = 1448;

    public enum Path { SELF, SAME_NODE, CROSS_NODE }

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
