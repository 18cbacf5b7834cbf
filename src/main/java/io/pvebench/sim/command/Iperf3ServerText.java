package io.pvebench.sim.command;

import java.util.List;
import java.util.Locale;

/**
 * The server's text report that an iperf3 3.12 UDP client with {@code --get-server-output -J} puts under
 * {@code server_output_text}: what {@code iperf3 -s} printed for this test, from {@code iperf_locale.c}'s
 * formats and {@code unit_snprintf}, checked against {@code src/test/resources/sim/iperf3/udp-*-server-output.json}.
 * The server receives without {@code -R} (jitter and loss per interval, a {@code receiver} summary) and sends with
 * it ({@code Total Datagrams}, a {@code sender} summary with 0 lost). A server that ran a
 * {@code --get-server-output} test before also shows its {@code Server listening} banner; this one is fresh.
 * Stateless.
 */
final class Iperf3ServerText {

    private static final String UDP_HEADER =
            "[ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams\n";
    private static final String UDP_SENDER_HEADER =
            "[ ID] Interval           Transfer     Bitrate         Total Datagrams\n";
    private static final String SEPARATOR = "- - - - - - - - - - - - - - - - - - - - - - - - -\n";
    private static final String[] BYTE_LABELS = {"Byte", "KByte", "MByte", "GByte", "TByte"};
    private static final String[] BIT_LABELS = {"bit", "Kbit", "Mbit", "Gbit", "Tbit"};

    private Iperf3ServerText() {
    }

    /**
     * One stream's interval as the server saw it; {@code bytes} are what it sent or received.
     */
    record Row(double start, double end, float seconds, long bytes, long packets, long lost,
               double jitterSeconds, boolean omitted) {
    }

    /**
     * One stream's totals on the server: bytes sent or received, its datagram count (the receiver's: highest
     * sequence number seen), counted losses, last jitter.
     */
    record Total(long bytes, long packets, long lost, double jitterSeconds) {
    }

    /**
     * @param rows         every interval row, in order, {@code streams} per interval
     * @param totals       per stream
     * @param sumPercent   the summary's loss percent (losses over the sender's datagram count)
     * @param sumPackets   the summary's datagram count (receiver's when receiving, sender's when sending)
     * @param serverSeconds the server's test duration
     */
    static String udp(String clientIp, String serverIp, int port, int controlPort, List<Integer> clientPorts,
                      boolean serverSends, List<Row> rows, List<Total> totals, double sumPercent, long sumPackets,
                      double serverSeconds) {
        int n = totals.size();
        StringBuilder out = new StringBuilder();
        out.append("Accepted connection from ").append(clientIp).append(", port ").append(controlPort).append('\n');
        for (int s = 0; s < n; s++) {
            out.append(String.format(Locale.ROOT, "[%3d] local %s port %d connected to %s port %d\n", socket(s),
                    serverIp, port, clientIp, clientPorts.get(s)));
        }
        for (int i = 0; i < rows.size(); i += n) {
            out.append(i == 0 ? (serverSends ? UDP_SENDER_HEADER : UDP_HEADER) : (n > 1 ? SEPARATOR : ""));
            long bytes = 0;
            long packets = 0;
            long lost = 0;
            double jitter = 0;
            Row first = rows.get(i);
            for (int s = 0; s < n; s++) {
                Row r = rows.get(i + s);
                String omitted = r.omitted() ? "(omitted)" : "";
                if (serverSends) {
                    out.append(line("[%3d]", socket(s), r.start(), r.end(), r.bytes(), r.bytes() / r.seconds()))
                            .append("  ").append(r.packets()).append("  ").append(omitted).append('\n');
                } else {
                    out.append(udpLine("[%3d]", socket(s), r.start(), r.end(), r.bytes(), r.bytes() / r.seconds(),
                            r.jitterSeconds(), r.lost(), r.packets(), percent(r.lost(), r.packets()), omitted));
                }
                bytes += r.bytes();
                packets += r.packets();
                lost += r.lost();
                jitter += r.jitterSeconds();
            }
            if (n > 1) {
                String omitted = first.omitted() ? "(omitted)" : "";
                double bps = bytes / first.seconds();
                if (serverSends) {
                    out.append(line("[SUM]", 0, first.start(), first.end(), bytes, bps)).append("  ").append(packets)
                            .append("  ").append(omitted).append('\n');
                } else {
                    out.append(udpLine("[SUM]", 0, first.start(), first.end(), bytes, bps, jitter / n, lost,
                            packets, percent(lost, packets), omitted));
                }
            }
        }
        out.append(SEPARATOR).append(UDP_HEADER);
        String role = serverSends ? "sender" : "receiver";
        long bytes = 0;
        long lost = 0;
        double jitter = 0;
        for (int s = 0; s < n; s++) {
            Total t = totals.get(s);
            bytes += t.bytes();
            lost += t.lost();
            jitter += t.jitterSeconds();
            double bps = t.bytes() / serverSeconds;
            out.append(serverSends
                    ? udpLine("[%3d]", socket(s), 0, serverSeconds, t.bytes(), bps, 0, 0, t.packets(), 0, role)
                    : udpLine("[%3d]", socket(s), 0, serverSeconds, t.bytes(), bps, t.jitterSeconds(), t.lost(),
                    t.packets(), percent(t.lost(), t.packets()), role));
        }
        if (n > 1) {
            double bps = bytes / serverSeconds;
            out.append(serverSends
                    ? udpLine("[SUM]", 0, 0, serverSeconds, bytes, bps, 0, 0, sumPackets, 0, role)
                    : udpLine("[SUM]", 0, 0, serverSeconds, bytes, bps, jitter / n, lost, sumPackets, sumPercent,
                    role));
        }
        return out.toString();
    }

    /** The UDP server's data sockets: 5 for the first stream, then one more each. */
    private static int socket(int stream) {
        return 5 + stream;
    }

    private static double percent(long lost, long packets) {
        return packets > 0 ? 100.0 * lost / packets : 0;
    }

    /** {@code "[%3d]"} with the socket, or {@code "[SUM]"}, then interval, transfer and bitrate. */
    private static String line(String id, int socket, double start, double end, long bytes, double bytesPerSecond) {
        return String.format(Locale.ROOT, id, socket) + String.format(Locale.ROOT, " %6.2f-%-6.2f sec  %ss  %ss/sec",
                start, end, unit(bytes, true), unit(bytesPerSecond, false));
    }

    private static String udpLine(String id, int socket, double start, double end, long bytes, double bytesPerSecond,
                                  double jitterSeconds, long lost, long packets, double percent, String tail) {
        return line(id, socket, start, end, bytes, bytesPerSecond)
                + String.format(Locale.ROOT, "  %5.3f ms  %d/%d (%s%%)  %s\n", jitterSeconds * 1000, lost, packets,
                CNumbers.g(percent, 2), tail);
    }

    /** iperf3's {@code unit_snprintf} with {@code A} (bytes, powers of 1024) or {@code a} (bits, of 1000). */
    static String unit(double bytes, boolean inBytes) {
        double value = inBytes ? bytes : bytes * 8;
        double base = inBytes ? 1024 : 1000;
        int conv = 0;
        while (value >= base && conv < 4) {
            value /= base;
            conv++;
        }
        String format = value < 9.995 ? "%4.2f %s" : value < 99.95 ? "%4.1f %s" : "%4.0f %s";
        return String.format(Locale.ROOT, format, value, inBytes ? BYTE_LABELS[conv] : BIT_LABELS[conv]);
    }
}
