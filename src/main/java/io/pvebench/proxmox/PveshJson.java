package io.pvebench.proxmox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code pvesh get ... --output-format json} answers (also {@code json-pretty}). Stateless;
 * unknown fields are ignored so newer Proxmox releases that add fields still parse, and fields an
 * entry does not carry (PVE 4 nodes and storages had no {@code status}) become null. Real answers
 * are under {@code src/test/resources/outputs/proxmox/cluster-resources/}.
 *
 * <p>The whole answer must be one JSON value: Jackson by default stops after the first one, so
 * PVE 4's {@code 200 OK} status line above the JSON read as the number 200.
 */
final class PveshJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PveshJson() {
    }

    static List<ClusterResource> resources(String json) {
        List<ClusterResource> out = new ArrayList<>();
        for (JsonNode e : array(json, "/cluster/resources")) {
            out.add(new ClusterResource(text(e, "type"), text(e, "id"), text(e, "node"),
                    e.hasNonNull("vmid") ? e.get("vmid").asInt() : null, text(e, "name"), text(e, "status"),
                    e.hasNonNull("cpu") ? e.get("cpu").asDouble() : null,
                    e.hasNonNull("maxcpu") ? e.get("maxcpu").asInt() : null,
                    e.hasNonNull("mem") ? e.get("mem").asLong() : null,
                    e.hasNonNull("maxmem") ? e.get("maxmem").asLong() : null,
                    e.hasNonNull("template") ? e.get("template").asInt() == 1 : null,
                    text(e, "tags"), text(e, "storage"),
                    e.hasNonNull("shared") ? e.get("shared").asInt() == 1 : null, text(e, "hastate")));
        }
        return out;
    }

    /** An object answer ({@code /nodes/N/qemu/V/config}) as text values: numbers as written, nested values as JSON. */
    static java.util.Map<String, String> config(String json, String path) {
        JsonNode root = tree(json, path);
        if (root == null || !root.isObject()) {
            throw new ProxmoxException("pvesh get " + path + ": expected a JSON object");
        }
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        root.fields().forEachRemaining(f -> out.put(f.getKey(),
                f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
        return out;
    }

    static ClusterStatus status(String json) {
        String name = "";
        boolean quorate = false;
        boolean sawCluster = false;
        List<ClusterStatus.NodeState> nodes = new ArrayList<>();
        for (JsonNode e : array(json, "/cluster/status")) {
            if ("cluster".equals(text(e, "type"))) {
                sawCluster = true;
                name = text(e, "name");
                quorate = e.path("quorate").asInt() == 1;
            } else if ("node".equals(text(e, "type"))) {
                nodes.add(new ClusterStatus.NodeState(text(e, "name"), e.path("online").asInt() == 1, text(e, "ip")));
            }
        }
        // a standalone node has no cluster entry and is trivially quorate
        return new ClusterStatus(name == null ? "" : name, sawCluster ? quorate : true, nodes);
    }

    private static JsonNode array(String json, String path) {
        JsonNode root = tree(json, path);
        if (root == null || !root.isArray()) {
            String got = root == null || root.isMissingNode() ? "nothing"
                    : root.getNodeType().name().toLowerCase(Locale.ROOT);
            throw new ProxmoxException("pvesh get " + path + ": expected a JSON array, got " + got);
        }
        return root;
    }

    /**
     * The entries of an array answer, each required to be an object (for readers in this package
     * that keep their own record, such as {@link HaResourceConfig}).
     */
    static List<JsonNode> objects(String json, String path) {
        List<JsonNode> out = new ArrayList<>();
        int index = 0;
        for (JsonNode e : array(json, path)) {
            if (!e.isObject()) {
                throw new ProxmoxException("pvesh get " + path + ": entry " + index + " is not a JSON object: " + e);
            }
            out.add(e);
            index++;
        }
        return out;
    }

    /** The whole answer as one JSON value; anything else is Proxmox's error. */
    private static JsonNode tree(String json, String path) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ProxmoxException("pvesh get " + path + ": not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode e, String field) {
        return e.hasNonNull(field) ? e.get(field).asText() : null;
    }

    /** {@code GET /nodes/N/tasks} entries; {@code endtime} and {@code status} only on ended tasks. */
    static List<TaskEntry> tasks(String json, String path) {
        List<TaskEntry> out = new ArrayList<>();
        for (JsonNode e : array(json, path)) {
            out.add(new TaskEntry(text(e, "upid"), text(e, "type"), text(e, "id"),
                    java.time.Instant.ofEpochSecond(e.path("starttime").asLong()),
                    e.hasNonNull("endtime") ? java.util.Optional.of(java.time.Instant.ofEpochSecond(
                            e.get("endtime").asLong())) : java.util.Optional.empty(),
                    java.util.Optional.ofNullable(text(e, "status")).filter(st -> !st.equals("RUNNING"))));
        }
        return out;
    }

    /** {@code GET .../tasks/UPID/log}: {@code [{"n":1,"t":"line"}, ...]} as text, one line each, in {@code n} order. */
    static String taskLog(String json, String path) {
        java.util.TreeMap<Integer, String> lines = new java.util.TreeMap<>();
        for (JsonNode e : array(json, path)) {
            lines.put(e.path("n").asInt(), e.path("t").asText(""));
        }
        StringBuilder out = new StringBuilder();
        lines.values().forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    /**
     * A property-string option of an object answer ({@code crs} of {@code /cluster/options}),
     * written back as {@code datacenter.cfg} holds it: pvesh answers it parsed, as an object.
     */
    static java.util.Optional<String> propertyString(String json, String path, String key) {
        JsonNode value = tree(json, path).path(key);
        if (value.isMissingNode() || value.isNull()) {
            return java.util.Optional.empty();
        }
        if (!value.isObject()) {
            return java.util.Optional.of(value.asText());
        }
        List<String> parts = new ArrayList<>();
        value.fields().forEachRemaining(f -> parts.add(f.getKey() + "=" + f.getValue().asText()));
        return java.util.Optional.of(String.join(",", parts));
    }

    /** The VM ids among {@code /cluster/ha/resources} entries ({@code sid: vm:101}). */
    static java.util.Set<Integer> haVms(String json) {
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        for (JsonNode e : array(json, "/cluster/ha/resources")) {
            String sid = e.path("sid").asText("");
            if (sid.startsWith("vm:")) {
                out.add(Integer.parseInt(sid.substring(3)));
            }
        }
        return out;
    }
}
