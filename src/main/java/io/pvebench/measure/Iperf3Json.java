package io.pvebench.measure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the JSON report of an iperf3 client ({@code iperf3 -c HOST -J}), iperf3 3.12
 * (Debian 12); format from {@code outputs/iperf3/*.json}.
 *
 * <p>Emits, all labelled {@code direction} ({@code forward}|{@code reverse}),
 * {@code protocol} ({@code tcp}|{@code udp}) and {@code streams} on top of the caller's
 * labels, with the summary samples timestamped at the test start:
 * <ul>
 *   <li>{@code throughput} ({@code end.sum_received.bits_per_second}) and
 *       {@code throughput_sender} ({@code end.sum_sent.bits_per_second}), bit/s;</li>
 *   <li>TCP: {@code retransmits} ({@code end.sum_sent.retransmits}), when iperf3 has it
 *       (it omits it where the OS gives no TCP info);</li>
 *   <li>UDP: {@code jitter} (ms) and {@code datagram_loss} (%) from
 *       {@code end.sum_received}, the receiver's side, when present;</li>
 *   <li>one {@code throughput_interval} per counted interval ({@code intervals[i].sum},
 *       as measured by the client: the sender's rate in forward mode), labelled
 *       {@code interval_start} (iperf3's own seconds) and timestamped at
 *       {@code start.timestamp.timesecs} + {@code test_start.omit} + that start. Omitted
 *       ({@code -O}) intervals are skipped, as the end sums skip them.</li>
 * </ul>
 * Direction comes from {@code start.test_start.reverse}: the {@code sender} flags cannot
 * tell it (all {@code false} with {@code -R}, {@code sum_received.sender} {@code true}
 * without). Unknown fields are ignored.
 *
 * <p>Stateless and thread-safe.
 */
public final class Iperf3Json {

    private static final String TOOL = "iperf3";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The samples of one {@code -J} report.
     *
     * @param json   the client's whole standard output with {@code -J}
     * @param labels the caller's labels (run, case, node, ...), copied onto every sample
     * @return summary samples first, then one per interval, in order
     * @throws ToolErrorException       when the report carries iperf3's {@code "error"} key
     *                                  (iperf3 3.12 exits 0 in that case with {@code -J})
     * @throws MalformedOutputException when the text is not JSON or a required field is
     *                                  missing; the message names its JSON path
     */
    public List<Sample> parse(String json, Map<String, String> labels) {
        JsonNode root = read(json);
        JsonNode error = root.path("error");
        if (error.isTextual()) {
            throw new ToolErrorException(TOOL, error.asText());
        }
        Instant started = Instant.ofEpochSecond((long) number(root, "start.timestamp.timesecs"));
        String protocol = text(root, "start.test_start.protocol").toLowerCase(Locale.ROOT);
        boolean reverse = number(root, "start.test_start.reverse") != 0;
        Map<String, String> common = new HashMap<>(labels == null ? Map.of() : labels);
        common.put("direction", reverse ? "reverse" : "forward");
        common.put("protocol", protocol);
        common.put("streams", Long.toString((long) number(root, "start.test_start.num_streams")));

        List<Sample> samples = new ArrayList<>();
        samples.add(Sample.of(Metric.THROUGHPUT, number(root, "end.sum_received.bits_per_second"), common, started));
        samples.add(Sample.of(Metric.THROUGHPUT_SENDER, number(root, "end.sum_sent.bits_per_second"), common, started));
        if ("tcp".equals(protocol)) {
            optional(root, "end.sum_sent.retransmits")
                    .ifPresent(v -> samples.add(Sample.of(Metric.RETRANSMITS, v, common, started)));
        }
        if ("udp".equals(protocol)) {
            optional(root, "end.sum_received.jitter_ms")
                    .ifPresent(v -> samples.add(Sample.of(Metric.JITTER, v, common, started)));
            optional(root, "end.sum_received.lost_percent")
                    .ifPresent(v -> samples.add(Sample.of(Metric.DATAGRAM_LOSS, v, common, started)));
        }
        samples.addAll(intervals(root, common, started));
        return List.copyOf(samples);
    }

    private static List<Sample> intervals(JsonNode root, Map<String, String> common, Instant started) {
        JsonNode intervals = root.path("intervals");
        if (!intervals.isArray()) {
            throw missing("intervals");
        }
        double omit = optional(root, "start.test_start.omit").orElse(0.0);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < intervals.size(); i++) {
            String path = "intervals[" + i + "].sum";
            JsonNode sum = intervals.get(i).path("sum");
            if (sum.path("omitted").asBoolean(false)) {
                continue;
            }
            JsonNode start = sum.path("start");
            if (!start.isNumber()) {
                throw missing(path + ".start");
            }
            double bps = number(sum, "bits_per_second", path);
            Map<String, String> labels = new HashMap<>(common);
            labels.put("interval_start", start.decimalValue().stripTrailingZeros().toPlainString());
            long nanos = Math.round((omit + start.doubleValue()) * 1e9);
            samples.add(Sample.of(Metric.THROUGHPUT_INTERVAL, bps, labels, started.plusNanos(nanos)));
        }
        return samples;
    }

    private static JsonNode read(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedOutputException(TOOL, "empty, expected a -J report");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedOutputException(TOOL, "not valid JSON" + where(e) + ": " + e.getOriginalMessage());
        }
    }

    /** Where the parser stopped, e.g. {@code ", stops at end.sum_sent"}, for truncated output. */
    private static String where(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            String dotted = pointer.replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
            return ", stops at " + (dotted.isEmpty() ? "the top level" : dotted.substring(1));
        }
        return "";
    }

    private static double number(JsonNode root, String path) {
        return number(root, path, "");
    }

    /** The number at {@code path} below {@code node}; {@code prefix} is node's own path, for messages. */
    private static double number(JsonNode node, String path, String prefix) {
        String full = prefix.isEmpty() ? path : prefix + "." + path;
        JsonNode value = at(node, path);
        if (value.isMissingNode() || value.isNull()) {
            throw missing(full);
        }
        if (!value.isNumber()) {
            throw new MalformedOutputException(TOOL, full + " is not a number: " + value);
        }
        return value.doubleValue();
    }

    private static String text(JsonNode root, String path) {
        JsonNode value = at(root, path);
        if (!value.isTextual()) {
            throw missing(path);
        }
        return value.asText();
    }

    private static Optional<Double> optional(JsonNode root, String path) {
        JsonNode value = at(root, path);
        return value.isNumber() ? Optional.of(value.doubleValue()) : Optional.empty();
    }

    private static JsonNode at(JsonNode node, String dottedPath) {
        return node.at("/" + dottedPath.replace('.', '/'));
    }

    private static MalformedOutputException missing(String path) {
        return new MalformedOutputException(TOOL, path + " missing");
    }
}
