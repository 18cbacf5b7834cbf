package io.pvebench.measure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses {@code pvesh get /cluster/resources --output-format json} (the pretty form
 * {@code json-pretty} too); format from {@code outputs/proxmox/cluster-resources/*.json}
 * (PVE 4, whose pvesh printed a {@code 200 OK} line before the JSON: skipped, as is an
 * API-style <code>{"data": [...]}</code> wrapper).
 *
 * <p>Emits, timestamped {@code observedAt}, with the caller's labels plus:
 * <ul>
 *   <li>per {@code type: node} entry, labelled {@code node}: {@code node_cpu} (%,
 *       {@code cpu} × 100, a fraction of all the node's CPUs) and {@code node_memory}
 *       (bytes, {@code mem});</li>
 *   <li>per {@code type: qemu} or {@code lxc} entry that is not a template, labelled
 *       {@code vmid} and {@code node}: {@code vm_cpu} (%, {@code cpu} × 100, a fraction of
 *       the guest's own {@code maxcpu} vCPUs) and {@code vm_memory} (bytes, {@code mem}).</li>
 * </ul>
 * A field that is absent or null (an offline node has neither {@code cpu} nor {@code mem};
 * guests on an offline node lack them too) yields no sample. Stopped guests report
 * {@code 0} and are emitted as such. Storage, pool, SDN and other entries are ignored.
 *
 * <p>Stateless and thread-safe.
 */
public final class PveshResources {

    private static final String TOOL = "pvesh get /cluster/resources";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The samples of one {@code /cluster/resources} listing.
     *
     * @param json       pvesh's standard output with {@code --output-format json}
     * @param labels     the caller's labels, copied onto every sample (their {@code node}
     *                   is replaced by the entry's)
     * @param observedAt when the listing was taken; timestamps every sample
     * @return node samples and guest samples in listing order
     * @throws MalformedOutputException when the text is not a JSON array, or a node or guest
     *                                  entry lacks its {@code node} (or guest {@code vmid}),
     *                                  or a value is not a number; the message names the entry
     */
    public List<Sample> parse(String json, Map<String, String> labels, Instant observedAt) {
        Objects.requireNonNull(observedAt, "observedAt");
        JsonNode entries = read(json);
        Map<String, String> common = labels == null ? Map.of() : labels;
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String type = entry.path("type").asText("");
            String where = "[" + i + "]" + (entry.path("id").isTextual() ? " (" + entry.path("id").asText() + ")" : "");
            if (type.equals("node")) {
                Map<String, String> tagged = new HashMap<>(common);
                tagged.put("node", text(entry, "node", where));
                add(samples, Metric.NODE_CPU, entry, "cpu", 100, where, tagged, observedAt);
                add(samples, Metric.NODE_MEMORY, entry, "mem", 1, where, tagged, observedAt);
            } else if ((type.equals("qemu") || type.equals("lxc")) && entry.path("template").asInt(0) == 0) {
                Map<String, String> tagged = new HashMap<>(common);
                tagged.put("node", text(entry, "node", where));
                tagged.put("vmid", vmid(entry, where));
                add(samples, Metric.VM_CPU, entry, "cpu", 100, where, tagged, observedAt);
                add(samples, Metric.VM_MEMORY, entry, "mem", 1, where, tagged, observedAt);
            }
        }
        return List.copyOf(samples);
    }

    private static void add(List<Sample> samples, Metric metric, JsonNode entry, String field, double factor,
            String where, Map<String, String> labels, Instant at) {
        JsonNode value = entry.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return;
        }
        if (!value.isNumber()) {
            throw new MalformedOutputException(TOOL, where + "." + field + " is not a number: " + value);
        }
        samples.add(Sample.of(metric, value.doubleValue() * factor, labels, at));
    }

    private static String text(JsonNode entry, String field, String where) {
        JsonNode value = entry.path(field);
        if (!value.isValueNode() || value.isNull() || value.asText().isEmpty()) {
            throw new MalformedOutputException(TOOL, where + "." + field + " missing");
        }
        return value.asText();
    }

    private static String vmid(JsonNode entry, String where) {
        JsonNode vmid = entry.path("vmid");
        if (vmid.isIntegralNumber() || vmid.isTextual() && !vmid.asText().isEmpty()) {
            return vmid.asText();
        }
        String id = entry.path("id").asText("");
        int slash = id.indexOf('/');
        if (slash > 0 && id.substring(slash + 1).matches("\\d+")) {
            return id.substring(slash + 1);
        }
        throw new MalformedOutputException(TOOL, where + ".vmid missing");
    }

    private static JsonNode read(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedOutputException(TOOL, "empty, expected a JSON array of resources");
        }
        String text = json.strip();
        if (text.startsWith("200 OK")) {
            text = text.substring("200 OK".length()).strip();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedOutputException(TOOL, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root != null && root.isObject() && root.path("data").isArray()) {
            root = root.path("data");
        }
        if (root == null || !root.isArray()) {
            throw new MalformedOutputException(TOOL, "expected a JSON array of resources (--output-format json)");
        }
        return root;
    }
}
