package io.pvebench.measure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses stress-ng 0.15 (Debian 12, package {@code stress-ng 0.15.06-2}) results: the
 * {@code --metrics-brief} table stress-ng writes to <b>stderr</b>, or the file written by
 * {@code --yaml FILE}; formats from {@code outputs/stress-ng/} and {@code sim/stress-ng/}.
 *
 * <p>Emits per stressor, with the caller's labels plus {@code stressor} (its name, e.g.
 * {@code cpu}): {@code bogo_ops} (count), {@code bogo_ops_per_second} (ops/s, per second of
 * wall-clock time) and {@code bogo_ops_per_second_usr_sys} (ops/s, per second of usr+sys
 * CPU time), in stress-ng's order. The table rounds the rates to 2 decimals, the YAML has 6.
 * The table's rows are {@code stress-ng: metrc: [PID] NAME OPS REAL USR SYS RATE RATE}
 * below a two-line header; the {@code miscellaneous metrics:} block ({@code --hdd} rows
 * {@code hdd 4560.43 MB/sec read rate ...}) and other lines are ignored.
 *
 * <p>Stateless and thread-safe.
 */
public final class StressNgOutput {

    private static final String TOOL = "stress-ng";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Pattern PREFIX = Pattern.compile("^stress-ng: (\\w+):\\s*\\[\\d+\\] ?(.*)$");
    private static final Pattern HEADER = Pattern.compile("^stressor\\s+bogo ops\\s+real time.*");
    /** {@code cpu  6485  3.00  3.00  0.00  2161.53  2161.66}. */
    private static final Pattern ROW = Pattern.compile(
            "^(\\S+)\\s+(\\d+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s*$");

    /**
     * The samples of a {@code --metrics-brief} run.
     *
     * @param stderr     stress-ng's standard error (where it writes everything)
     * @param labels     the caller's labels, copied onto every sample
     * @param observedAt when the caller saw the output end; timestamps every sample
     * @return three samples per stressor row; none for a run that completed without rows
     *         ({@code --dry-run})
     * @throws ToolErrorException       when there are no rows but stress-ng logged
     *                                  {@code error:} or {@code fail:} lines, or there is no
     *                                  table but lines without the {@code stress-ng: KIND: [PID]}
     *                                  prefix (usage errors, {@code aborting: ...}); their text
     * @throws MalformedOutputException when the {@code stressor bogo ops real time ...}
     *                                  header is missing, or it has no rows and stress-ng
     *                                  did not say {@code successful run completed}
     */
    public List<Sample> parseMetricsBrief(String stderr, Map<String, String> labels, Instant observedAt) {
        Objects.requireNonNull(observedAt, "observedAt");
        Map<String, String> common = labels == null ? Map.of() : labels;
        List<Sample> samples = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> unprefixed = new ArrayList<>();
        boolean header = false;
        boolean table = false;
        boolean completed = false;
        for (String raw : (stderr == null ? "" : stderr).split("\n")) {
            Matcher prefixed = PREFIX.matcher(raw.strip());
            if (!prefixed.matches()) {
                if (!raw.isBlank()) {
                    unprefixed.add(raw.strip());
                }
                continue;
            }
            String kind = prefixed.group(1);
            String text = prefixed.group(2).strip();
            if (kind.equals("error") || kind.equals("fail")) {
                failures.add(text);
            } else if (kind.equals("info") && text.startsWith("successful run completed")) {
                completed = true;
            } else if (kind.equals("metrc")) {
                if (HEADER.matcher(text).matches()) {
                    header = true;
                    table = true;
                } else if (text.startsWith("miscellaneous metrics")) {
                    table = false;
                } else if (table) {
                    Matcher row = ROW.matcher(text);
                    if (row.matches()) {
                        samples.addAll(stressor(row.group(1), Double.parseDouble(row.group(2)),
                                Double.parseDouble(row.group(6)), Double.parseDouble(row.group(7)), common,
                                observedAt));
                    }
                }
            }
        }
        if (samples.isEmpty() && !failures.isEmpty()) {
            throw new ToolErrorException(TOOL, String.join("; ", failures));
        }
        if (!header && !unprefixed.isEmpty()) {
            throw new ToolErrorException(TOOL, String.join("; ", unprefixed));
        }
        if (!header) {
            throw new MalformedOutputException(TOOL, "no metrics table ('stress-ng: metrc: [PID] stressor bogo ops"
                    + " real time ...' header) found; was it run with --metrics-brief and is this its stderr?");
        }
        if (samples.isEmpty() && !completed) {
            throw new MalformedOutputException(TOOL,
                    "metrics table has no stressor rows and no 'successful run completed' line (truncated?)");
        }
        return List.copyOf(samples);
    }

    /**
     * The samples of a {@code --yaml} file. Only {@code metrics} is read, and
     * {@code system-info.epoch-secs} for the timestamp; {@code system-info} also has an
     * unquoted {@code date-yyyy-mm-dd: 2026:11:25} (a YAML 1.1 sexagesimal number to some
     * readers), which is neither needed nor interpreted.
     *
     * @param yaml       the whole file stress-ng wrote
     * @param labels     the caller's labels, copied onto every sample
     * @param observedAt timestamps the samples when {@code system-info.epoch-secs} is absent
     * @return three samples per {@code metrics} entry, in file order
     * @throws MalformedOutputException when the text is not YAML, has no {@code metrics}
     *                                  list, or an entry lacks {@code stressor},
     *                                  {@code bogo-ops}, {@code bogo-ops-per-second-real-time}
     *                                  or {@code bogo-ops-per-second-usr-sys-time}
     */
    public List<Sample> parseYaml(String yaml, Map<String, String> labels, Instant observedAt) {
        Objects.requireNonNull(observedAt, "observedAt");
        if (yaml == null || yaml.isBlank()) {
            throw new MalformedOutputException(TOOL, "empty, expected a --yaml file");
        }
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new MalformedOutputException(TOOL, "not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("metrics").isArray()) {
            throw new MalformedOutputException(TOOL, "no 'metrics' list in the --yaml file");
        }
        Instant at = observedAt;
        JsonNode epoch = root.path("system-info").path("epoch-secs");
        if (epoch.isNumber() || epoch.isTextual() && epoch.asText().matches("\\d+")) {
            at = Instant.ofEpochSecond(epoch.asLong());
        }
        Map<String, String> common = labels == null ? Map.of() : labels;
        List<Sample> samples = new ArrayList<>();
        JsonNode metrics = root.path("metrics");
        for (int i = 0; i < metrics.size(); i++) {
            JsonNode entry = metrics.get(i);
            String where = "metrics[" + i + "]";
            JsonNode name = entry.path("stressor");
            if (!name.isValueNode()) {
                throw new MalformedOutputException(TOOL, where + " has no stressor");
            }
            where += " (stressor " + name.asText() + ")";
            samples.addAll(stressor(name.asText(), number(entry, "bogo-ops", where),
                    number(entry, "bogo-ops-per-second-real-time", where),
                    number(entry, "bogo-ops-per-second-usr-sys-time", where), common, at));
        }
        return List.copyOf(samples);
    }

    private static double number(JsonNode entry, String key, String where) {
        JsonNode value = entry.path(key);
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.asText());
            } catch (NumberFormatException e) {
                throw new MalformedOutputException(TOOL, where + " " + key + " is not a number: " + value.asText());
            }
        }
        throw new MalformedOutputException(TOOL, where + " has no " + key);
    }

    private static List<Sample> stressor(String name, double ops, double realRate, double cpuRate,
            Map<String, String> common, Instant at) {
        Map<String, String> labels = new HashMap<>(common);
        labels.put("stressor", name);
        return List.of(
                Sample.of(Metric.BOGO_OPS, ops, labels, at),
                Sample.of(Metric.BOGO_OPS_PER_SECOND, realRate, labels, at),
                Sample.of(Metric.BOGO_OPS_PER_SECOND_USR_SYS, cpuRate, labels, at));
    }
}
