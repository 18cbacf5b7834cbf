package io.pvebench.measure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the JSON report of fio 3.33 (Debian 12, package {@code fio 3.33-3}),
 * {@code fio --output-format=json ...}; format from {@code outputs/fio/*.json} and
 * {@code sim/fio/*.json}.
 *
 * <p>Emits per job ({@code jobs[].jobname}) and direction ({@code read}, {@code write},
 * {@code trim}), with the caller's labels plus {@code job} and {@code direction}, all
 * timestamped at the report's {@code timestamp_ms} (when fio wrote it, i.e. the end of the
 * run):
 * <ul>
 *   <li>{@code io_bandwidth} (bytes/s) from {@code bw_bytes} (fio's {@code bw} is KiB/s:
 *       {@code bw * 1024} when {@code bw_bytes} is absent);</li>
 *   <li>{@code iops} (ops/s) from {@code iops};</li>
 *   <li>{@code io_latency_mean} (ms) from {@code lat_ns.mean}: the total latency
 *       (submission + completion) an application sees;</li>
 *   <li>{@code io_latency_p99} (ms) from {@code lat_ns.percentile."99.000000"} when fio
 *       reports total-latency percentiles ({@code --lat_percentiles=1}), otherwise from
 *       {@code clat_ns.percentile."99.000000"}, the completion latency fio reports by
 *       default; absent when neither has it.</li>
 * </ul>
 * fio lists every direction, unused ones with zeros: directions with {@code total_ios} 0
 * are skipped. Latencies are converted from ns.
 *
 * <p>Stateless and thread-safe.
 */
public final class FioJson {

    private static final String TOOL = "fio";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] DIRECTIONS = {"read", "write", "trim"};
    private static final String P99 = "99.000000";

    /**
     * The samples of one JSON report.
     *
     * @param json   fio's standard output with {@code --output-format=json} (text before the
     *               first line starting with <code>{</code>, such as warnings, is skipped)
     * @param labels the caller's labels, copied onto every sample
     * @return per job, per used direction: bandwidth, iops, mean latency, p99 latency
     * @throws ToolErrorException       when a job reports a non-zero {@code error}
     * @throws MalformedOutputException when the text is not JSON or a field is missing; the
     *                                  message names its JSON path
     */
    public List<Sample> parse(String json, Map<String, String> labels) {
        JsonNode root = read(json);
        JsonNode stamp = root.path("timestamp_ms");
        Instant at;
        if (stamp.isNumber()) {
            at = Instant.ofEpochMilli(stamp.longValue());
        } else if (root.path("timestamp").isNumber()) {
            at = Instant.ofEpochSecond(root.path("timestamp").longValue());
        } else {
            throw missing("timestamp_ms");
        }
        JsonNode jobs = root.path("jobs");
        if (!jobs.isArray() || jobs.isEmpty()) {
            throw missing("jobs");
        }
        Map<String, String> common = labels == null ? Map.of() : labels;
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            JsonNode job = jobs.get(i);
            String path = "jobs[" + i + "]";
            JsonNode name = job.path("jobname");
            if (!name.isTextual()) {
                throw missing(path + ".jobname");
            }
            if (job.path("error").asLong(0) != 0) {
                throw new ToolErrorException(TOOL, "job " + name.asText() + " ended with error "
                        + job.path("error").asLong());
            }
            for (String direction : DIRECTIONS) {
                JsonNode io = job.path(direction);
                if (io.isMissingNode() || number(io, "total_ios", path + "." + direction) == 0) {
                    continue;
                }
                Map<String, String> tagged = new HashMap<>(common);
                tagged.put("job", name.asText());
                tagged.put("direction", direction);
                samples.addAll(direction(io, path + "." + direction, tagged, at));
            }
        }
        return List.copyOf(samples);
    }

    private static List<Sample> direction(JsonNode io, String path, Map<String, String> labels, Instant at) {
        List<Sample> samples = new ArrayList<>();
        double bandwidth = io.path("bw_bytes").isNumber()
                ? io.path("bw_bytes").doubleValue()
                : number(io, "bw", path) * 1024;
        samples.add(Sample.of(Metric.IO_BANDWIDTH, bandwidth, labels, at));
        samples.add(Sample.of(Metric.IOPS, number(io, "iops", path), labels, at));
        samples.add(Sample.of(Metric.IO_LATENCY_MEAN, number(io.path("lat_ns"), "mean", path + ".lat_ns") / 1e6,
                labels, at));
        JsonNode p99 = io.path("lat_ns").path("percentile").path(P99);
        if (!p99.isNumber()) {
            p99 = io.path("clat_ns").path("percentile").path(P99);
        }
        if (p99.isNumber()) {
            samples.add(Sample.of(Metric.IO_LATENCY_P99, p99.doubleValue() / 1e6, labels, at));
        }
        return samples;
    }

    private static JsonNode read(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedOutputException(TOOL, "empty, expected an --output-format=json report");
        }
        int start = json.startsWith("{") ? 0 : json.indexOf("\n{");
        if (start < 0) {
            throw new MalformedOutputException(TOOL, "no JSON object found, expected an --output-format=json report");
        }
        try {
            JsonNode root = MAPPER.readTree(json.substring(start));
            if (root == null || !root.isObject()) {
                throw new MalformedOutputException(TOOL, "not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new MalformedOutputException(TOOL, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static double number(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw missing(path + "." + field);
        }
        if (!value.isNumber()) {
            throw new MalformedOutputException(TOOL, path + "." + field + " is not a number: " + value);
        }
        return value.doubleValue();
    }

    private static MalformedOutputException missing(String path) {
        return new MalformedOutputException(TOOL, path + " missing");
    }
}
