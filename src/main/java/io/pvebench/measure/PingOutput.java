package io.pvebench.measure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the standard output of iputils ping 20221126 (Debian 12, package
 * {@code iputils-ping 3:20221126-1+deb12u1}); format from {@code outputs/ping/*.txt}.
 *
 * <p>Emits, with the caller's labels:
 * <ul>
 *   <li>from the statistics block, timestamped {@code observedAt}: {@code packets_sent},
 *       {@code packets_received} (count), {@code packet_loss} (%, fractional as printed,
 *       e.g. {@code 53.3333}), and {@code rtt_min}, {@code rtt_avg}, {@code rtt_max},
 *       {@code rtt_mdev} (ms) unless every probe was lost (ping then prints no
 *       {@code rtt} line);</li>
 *   <li>one {@code rtt} (ms) per echo reply, labelled {@code seq} ({@code icmp_seq}),
 *       timestamped by the {@code -D} prefix {@code [epoch.micros]} when present,
 *       otherwise {@code observedAt}.</li>
 * </ul>
 * Duplicate replies ({@code (DUP!)}) and {@code -O} lines ({@code no answer yet for
 * icmp_seq=N}) are not replies; lost probes are simply absent. Works with {@code -q}
 * (statistics only).
 *
 * <p>Stateless and thread-safe.
 */
public final class PingOutput {

    private static final String TOOL = "ping";

    /** {@code [1795594636.784843] 64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.016 ms}. */
    private static final Pattern REPLY = Pattern.compile(
            "^(?:\\[(\\d+)(?:\\.(\\d+))?\\] )?\\d+ bytes from .*?icmp_seq=(\\d+)\\b.*?\\btime=([\\d.]+) ms(.*)$");
    /** {@code 30 packets transmitted, 14 received, +2 duplicates, 53.3333% packet loss, time 1631ms}. */
    private static final Pattern COUNTS = Pattern.compile("^(\\d+) packets transmitted, (\\d+) received(.*)$");
    private static final Pattern LOSS = Pattern.compile("([\\d.]+)% packet loss");
    /** {@code rtt min/avg/max/mdev = 0.037/0.051/0.128/0.023 ms}. */
    private static final Pattern RTT = Pattern.compile(
            "^rtt min/avg/max/mdev = ([\\d.]+)/([\\d.]+)/([\\d.]+)/([\\d.]+) ms");

    /**
     * The samples of one ping run.
     *
     * @param stdout     ping's whole standard output (its errors go to stderr, not here)
     * @param labels     the caller's labels (run, case, node, ...), copied onto every sample
     * @param observedAt when the caller saw the output end; timestamps the summary, and
     *                   the replies when ping ran without {@code -D}
     * @return the summary samples first, then one {@code rtt} per reply in output order
     * @throws MalformedOutputException when there is no statistics block
     *                                  ({@code N packets transmitted, M received, ...})
     */
    public List<Sample> parse(String stdout, Map<String, String> labels, Instant observedAt) {
        Objects.requireNonNull(observedAt, "observedAt");
        Map<String, String> common = labels == null ? Map.of() : labels;
        List<Sample> replies = new ArrayList<>();
        List<Sample> summary = new ArrayList<>();
        boolean statistics = false;
        for (String raw : (stdout == null ? "" : stdout).split("\n")) {
            String line = raw.strip();
            Matcher m;
            if ((m = REPLY.matcher(line)).matches()) {
                if (!m.group(5).contains("DUP!")) {
                    replies.add(reply(m, common, observedAt));
                }
            } else if ((m = COUNTS.matcher(line)).matches()) {
                statistics = true;
                summary.add(Sample.of(Metric.PACKETS_SENT, Double.parseDouble(m.group(1)), common, observedAt));
                summary.add(Sample.of(Metric.PACKETS_RECEIVED, Double.parseDouble(m.group(2)), common, observedAt));
                Matcher loss = LOSS.matcher(m.group(3));
                if (loss.find()) {
                    summary.add(Sample.of(Metric.PACKET_LOSS, Double.parseDouble(loss.group(1)), common, observedAt));
                }
            } else if ((m = RTT.matcher(line)).find()) {
                Metric[] metrics = {Metric.RTT_MIN, Metric.RTT_AVG, Metric.RTT_MAX, Metric.RTT_MDEV};
                for (int i = 0; i < metrics.length; i++) {
                    summary.add(Sample.of(metrics[i], Double.parseDouble(m.group(i + 1)), common, observedAt));
                }
            }
        }
        if (!statistics) {
            throw new MalformedOutputException(TOOL,
                    "no statistics block ('N packets transmitted, M received, ...' line) found");
        }
        summary.addAll(replies);
        return List.copyOf(summary);
    }

    private static Sample reply(Matcher m, Map<String, String> common, Instant observedAt) {
        Instant at = EpochStamp.parse(m.group(1), m.group(2), observedAt);
        Map<String, String> labels = new HashMap<>(common);
        labels.put("seq", m.group(3));
        return Sample.of(Metric.RTT, Double.parseDouble(m.group(4)), labels, at);
    }
}
