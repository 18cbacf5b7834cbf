package io.pvebench.measure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses what fping 5.1 (Debian 12, package {@code fping 5.1-1}) prints with {@code -c N}
 * or {@code -C N}, with or without {@code -q} and {@code -Q SECS}; format from
 * {@code outputs/fping/*.txt}. fping writes per-probe lines to stdout and its summary to
 * stderr ({@code -q}: everything on stderr), so both are taken separately.
 *
 * <p>Emits, per target, with the caller's labels plus {@code target} (the name as fping
 * prints it), timestamped {@code observedAt}:
 * <ul>
 *   <li>{@code packets_sent}, {@code packets_received} (count) and {@code packet_loss}
 *       (%) from the final {@code xmt/rcv/%loss = S/R/L%} line. fping truncates the loss to
 *       an integer ({@code 30/18/40%}, {@code 5/0/100%}); the emitted loss is
 *       <b>computed from the counts</b>, {@code (S - R) * 100 / S} unrounded, and the
 *       printed integer is checked to be its truncation;</li>
 *   <li>{@code rtt_min}, {@code rtt_avg}, {@code rtt_max} (ms) as printed after
 *       {@code min/avg/max =}; absent when every probe was lost (fping prints none);</li>
 *   <li>one {@code rtt} (ms) per reply, labelled {@code seq} with fping's own 0-based
 *       probe index ({@code [N]}), in {@code seq} order (fping may print them out of
 *       order); timestamped by a {@code -D} prefix {@code [epoch.fraction]} when present.
 *       Timed-out probes are gaps.</li>
 * </ul>
 * {@code -C}: fping prints no {@code xmt/rcv} line but a list {@code TARGET : t1 t2 - ...}
 * with {@code -} per lost probe. The counts then come from that list, {@code rtt_min},
 * {@code rtt_avg}, {@code rtt_max} are computed from its values (the mean unrounded), and
 * the {@code rtt} series from stdout, or from the list (index = {@code seq}) under
 * {@code -q}. {@code -Q}: interim reports (after a {@code [HH:MM:SS]} line) count only their
 * interval; the last {@code xmt/rcv} line of a target, the final summary, wins.
 *
 * <p>Stateless and thread-safe.
 */
public final class FpingOutput {

    private static final String TOOL = "fping";

    /** {@code [1795594636.78484] 127.0.0.1 : [0], 64 bytes, 0.022 ms (0.022 avg, 0% loss)}. */
    private static final Pattern REPLY = Pattern.compile(
            "^(?:\\[(\\d+)(?:\\.(\\d+))?\\] )?(\\S+)\\s+: \\[(\\d+)\\], \\d+ bytes, ([\\d.]+) ms\\b.*$");
    /** {@code 127.0.0.1 : xmt/rcv/%loss = 30/18/40%, min/avg/max = 0.034/0.044/0.052}. */
    private static final Pattern SUMMARY = Pattern.compile(
            "^(\\S+)\\s+: xmt/rcv/%loss = (\\d+)/(\\d+)/(\\d+)%(?:, min/avg/max = ([\\d.]+)/([\\d.]+)/([\\d.]+))?.*$");
    /** {@code 127.0.0.1 : - 0.043 0.041 -} ({@code -C}). */
    private static final Pattern LIST = Pattern.compile("^(\\S+)\\s+:( .*)$");
    /** One entry of a {@code -C} list; checked one by one: a repeated group over a long train overflows the stack. */
    private static final Pattern LIST_ENTRY = Pattern.compile("\\d+(?:\\.\\d+)?|-");
    /** {@code 127.0.0.1 : [1], timed out (0.034 avg, 50% loss)}: not a reply, not an error. */
    private static final Pattern TIMEOUT = Pattern.compile("^(?:\\[[\\d.]+\\] )?\\S+\\s+: \\[\\d+\\], timed out.*$");
    /** {@code [08:17:45]}: the stamp before a {@code -Q} interim report. */
    private static final Pattern INTERIM = Pattern.compile("^\\[\\d{2}:\\d{2}:\\d{2}\\]$");

    /**
     * The samples of one fping run.
     *
     * @param stdout     fping's standard output (per-probe lines; empty or null with {@code -q})
     * @param stderr     fping's standard error (summary or {@code -C} list)
     * @param labels     the caller's labels (run, case, node, ...), copied onto every sample
     * @param observedAt when the caller saw the output end; timestamps the summary, and
     *                   the replies when fping ran without {@code -D}
     * @return for each target in order of appearance its summary samples, then every
     *         target's {@code rtt} series
     * @throws ToolErrorException       when there is no summary but stderr has fping's own
     *                                  messages (e.g. {@code NAME: Name or service not known})
     * @throws MalformedOutputException when neither stream holds a summary
     *                                  ({@code TARGET : xmt/rcv/%loss = ...}) nor a {@code -C}
     *                                  list, or a printed loss contradicts its counts
     */
    public List<Sample> parse(String stdout, String stderr, Map<String, String> labels, Instant observedAt) {
        Objects.requireNonNull(observedAt, "observedAt");
        Map<String, String> common = labels == null ? Map.of() : labels;
        Map<String, Matcher> summaries = new LinkedHashMap<>();
        Map<String, String[]> lists = new LinkedHashMap<>();
        Map<String, List<Probe>> replies = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String stream : new String[] {stdout, stderr}) {
            for (String raw : (stream == null ? "" : stream).split("\n")) {
                String line = raw.strip();
                Matcher m;
                if (line.isEmpty() || INTERIM.matcher(line).matches() || TIMEOUT.matcher(line).matches()) {
                    continue;
                }
                if ((m = REPLY.matcher(line)).matches()) {
                    replies.computeIfAbsent(m.group(3), t -> new ArrayList<>()).add(new Probe(
                            Integer.parseInt(m.group(4)), Double.parseDouble(m.group(5)), stamp(m, observedAt)));
                } else if ((m = SUMMARY.matcher(line)).matches()) {
                    summaries.put(m.group(1), m);
                } else if ((m = LIST.matcher(line)).matches() && isList(m.group(2))) {
                    lists.put(m.group(1), m.group(2).strip().split(" +"));
                } else {
                    unknown.add(line);
                }
            }
        }
        if (summaries.isEmpty() && lists.isEmpty()) {
            if (!unknown.isEmpty()) {
                throw new ToolErrorException(TOOL, String.join("; ", unknown));
            }
            throw new MalformedOutputException(TOOL, "no summary ('TARGET : xmt/rcv/%loss = S/R/L%' line)"
                    + " and no -C list ('TARGET : t1 t2 ...') found on stdout or stderr");
        }
        List<String> targets = new ArrayList<>(summaries.keySet());
        lists.keySet().stream().filter(t -> !targets.contains(t)).forEach(targets::add);

        List<Sample> summary = new ArrayList<>();
        List<Sample> series = new ArrayList<>();
        for (String target : targets) {
            Map<String, String> tagged = new HashMap<>(common);
            tagged.put("target", target);
            List<Probe> probes = replies.getOrDefault(target, new ArrayList<>());
            if (summaries.containsKey(target)) {
                summary.addAll(fromSummary(target, summaries.get(target), tagged, observedAt));
            } else {
                List<Probe> listed = fromList(lists.get(target), observedAt);
                summary.addAll(fromListSummary(lists.get(target).length, listed, tagged, observedAt));
                if (probes.isEmpty()) {
                    probes = listed;
                }
            }
            probes.sort(Comparator.comparingInt(Probe::seq));
            for (Probe probe : probes) {
                Map<String, String> withSeq = new HashMap<>(tagged);
                withSeq.put("seq", Integer.toString(probe.seq()));
                series.add(Sample.of(Metric.RTT, probe.rtt(), withSeq, probe.at()));
            }
        }
        summary.addAll(series);
        return List.copyOf(summary);
    }

    private static List<Sample> fromSummary(String target, Matcher m, Map<String, String> labels, Instant at) {
        long sent = Long.parseLong(m.group(2));
        long received = Long.parseLong(m.group(3));
        long printed = Long.parseLong(m.group(4));
        if (sent > 0 && printed != (sent - received) * 100 / sent) {
            throw new MalformedOutputException(TOOL, "target " + target + ": printed loss " + printed
                    + "% does not match xmt/rcv " + sent + "/" + received);
        }
        List<Sample> samples = counts(sent, received, labels, at);
        if (m.group(5) != null) {
            samples.add(Sample.of(Metric.RTT_MIN, Double.parseDouble(m.group(5)), labels, at));
            samples.add(Sample.of(Metric.RTT_AVG, Double.parseDouble(m.group(6)), labels, at));
            samples.add(Sample.of(Metric.RTT_MAX, Double.parseDouble(m.group(7)), labels, at));
        }
        return samples;
    }

    private static List<Sample> fromListSummary(int sent, List<Probe> replies, Map<String, String> labels,
            Instant at) {
        List<Sample> samples = counts(sent, replies.size(), labels, at);
        if (!replies.isEmpty()) {
            var stats = replies.stream().mapToDouble(Probe::rtt).summaryStatistics();
            samples.add(Sample.of(Metric.RTT_MIN, stats.getMin(), labels, at));
            samples.add(Sample.of(Metric.RTT_AVG, stats.getAverage(), labels, at));
            samples.add(Sample.of(Metric.RTT_MAX, stats.getMax(), labels, at));
        }
        return samples;
    }

    private static List<Sample> counts(long sent, long received, Map<String, String> labels, Instant at) {
        List<Sample> samples = new ArrayList<>();
        samples.add(Sample.of(Metric.PACKETS_SENT, sent, labels, at));
        samples.add(Sample.of(Metric.PACKETS_RECEIVED, received, labels, at));
        if (sent > 0) {
            samples.add(Sample.of(Metric.PACKET_LOSS, (sent - received) * 100.0 / sent, labels, at));
        }
        return samples;
    }

    private static List<Probe> fromList(String[] values, Instant at) {
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (!values[i].equals("-")) {
                probes.add(new Probe(i, Double.parseDouble(values[i]), at));
            }
        }
        return probes;
    }

    private static Instant stamp(Matcher m, Instant observedAt) {
        return EpochStamp.parse(m.group(1), m.group(2), observedAt);
    }


    private record Probe(int seq, double rtt, Instant at) {
    }

    private static boolean isList(String entries) {
        String[] words = entries.strip().split(" +");
        for (String word : words) {
            if (!LIST_ENTRY.matcher(word).matches()) {
                return false;
            }
        }
        return words.length > 0 && !words[0].isEmpty();
    }
}
