package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET|SET /cluster/options} (pve-manager {@code PVE/API2/Cluster.pm},
 * {@code get_options}/{@code set_options}) over {@code datacenter.cfg}. GET returns the
 * options set plus {@code allowed-tags}; {@code crs} comes back parsed (pve-cluster
 * {@code DataCenterConfig.pm}): booleans as 1/0, other values as the strings written.
 * SET checks {@code crs} against the profile's format with pve-common's
 * {@code parse_property_string} and {@code check_object} wording: 9.2 (pve-cluster
 * 9.1.6) has {@code ha=basic|static|dynamic}, {@code ha-rebalance-on-start} and the
 * {@code ha-auto-rebalance*} keys (threshold and margin in percent 0..100, hold duration
 * at least 0, method {@code bruteforce|topsis}, each requiring {@code ha-auto-rebalance});
 * 8.4 ({@code stable-bookworm}) only {@code ha=basic|static} and
 * {@code ha-rebalance-on-start}. {@code --delete a,b} removes options. Other options are
 * stored unchecked.
 */
final class ClusterOptionsApi implements ApiHandler {

    private static final List<String> OPTIONS = List.of("crs", "delete", "digest", "ha", "migration",
            "max_workers", "keyboard", "language", "console", "description", "bwlimit", "tag-style", "mac_prefix",
            "email_from", "http_proxy", "next-id", "notify", "registered-tags", "user-tag-access", "fencing",
            "migration_unsecure", "u2f", "webauthn", "consent-text", "replication");

    private record Key(String type, List<String> values, Double min, Double max, boolean requiresAuto) {
    }

    @Override
    public Object get(ApiRequest request) {
        request.allowOnly();
        ClusterModel model = request.invocation().model();
        JsonObject result = new JsonObject();
        for (Map.Entry<String, String> e : model.datacenterOptions().entrySet()) {
            if (e.getKey().equals("crs")) {
                JsonObject crs = new JsonObject();
                parse(format(model), e.getValue()).forEach(crs::put);
                result.put("crs", crs);
            } else {
                result.put(e.getKey(), e.getValue());
            }
        }
        result.put("allowed-tags", List.of());
        return result;
    }

    @Override
    public Object set(ApiRequest request) {
        request.allowOnly(OPTIONS.toArray(String[]::new));
        ClusterModel model = request.invocation().model();
        request.param("crs").ifPresent(crs -> check(format(model), crs));
        for (Map.Entry<String, String> e : request.params().entrySet()) {
            if (!e.getKey().equals("delete") && !e.getKey().equals("digest")) {
                model.setDatacenterOption(e.getKey(), e.getValue());
            }
        }
        request.param("delete").ifPresent(list -> {
            for (String key : list.split("[,;\\s]+")) {
                if (!key.isEmpty()) {
                    model.setDatacenterOption(key, null);
                }
            }
        });
        return null;
    }

    private static Map<String, Key> format(ClusterModel model) {
        Map<String, Key> f = new LinkedHashMap<>();
        if (model.profile().release().equals("9.2")) {
            f.put("ha", new Key("string", List.of("basic", "static", "dynamic"), null, null, false));
            f.put("ha-rebalance-on-start", new Key("boolean", null, null, null, false));
            f.put("ha-auto-rebalance", new Key("boolean", null, null, null, false));
            f.put("ha-auto-rebalance-threshold", new Key("number", null, 0.0, 100.0, true));
            f.put("ha-auto-rebalance-method", new Key("string", List.of("bruteforce", "topsis"), null, null, true));
            f.put("ha-auto-rebalance-hold-duration", new Key("number", null, 0.0, null, true));
            f.put("ha-auto-rebalance-margin", new Key("number", null, 0.0, 100.0, true));
        } else {
            f.put("ha", new Key("string", List.of("basic", "static"), null, null, false));
            f.put("ha-rebalance-on-start", new Key("boolean", null, null, null, false));
        }
        return f;
    }

    /** pve-common {@code parse_property_string} without the checks: key to value, booleans as 1/0. */
    private static Map<String, Object> parse(Map<String, Key> format, String text) {
        Map<String, Object> res = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException(eq < 0
                        ? "value without key, but schema does not define a default key"
                        : "missing key in comma-separated list property");
            }
            String k = part.substring(0, eq);
            String v = part.substring(eq + 1);
            if (res.containsKey(k)) {
                throw new IllegalArgumentException("duplicate key in comma-separated list property: " + k);
            }
            Key key = format.get(k);
            if (key == null) {
                throw new IllegalArgumentException("invalid key in comma-separated list property: " + k);
            }
            Object value = v;
            if (key.type().equals("boolean")) {
                if (v.matches("(?i)1|on|yes|true")) {
                    value = 1;
                } else if (v.matches("(?i)0|off|no|false")) {
                    value = 0;
                }
            }
            res.put(k, value);
        }
        return res;
    }

    /** Rejects an invalid {@code crs} value with the message pvesh prints. */
    private static void check(Map<String, Key> format, String text) {
        Map<String, Object> parsed;
        try {
            parsed = parse(format, text);
        } catch (IllegalArgumentException e) {
            throw new ApiError("400 Parameter verification failed.\ncrs: invalid format - " + e.getMessage() + "\n");
        }
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Key> e : format.entrySet()) {
            Object value = parsed.get(e.getKey());
            if (value == null) {
                continue;
            }
            String problem = problem(e.getValue(), value);
            if (problem != null) {
                errors.add("crs." + e.getKey() + ": " + problem);
            }
        }
        for (String k : parsed.keySet()) {
            if (format.get(k).requiresAuto() && !parsed.containsKey("ha-auto-rebalance")) {
                errors.add("crs.ha-auto-rebalance: missing property required by 'crs." + k + "'");
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiError("400 Parameter verification failed.\ncrs: invalid format - format error\n"
                    + String.join("\n", errors) + "\n");
        }
    }

    private static String problem(Key key, Object value) {
        String v = value.toString();
        switch (key.type()) {
            case "boolean" -> {
                return value instanceof Integer ? null : "type check ('boolean') failed - got '" + v + "'";
            }
            case "number" -> {
                if (!v.matches("[+-]?(\\d+\\.\\d+|\\d+\\.|\\.\\d+|\\d+)([eE][+-]?\\d+)?")) {
                    return "type check ('number') failed - got '" + v + "'";
                }
                double d = Double.parseDouble(v);
                if (key.max() != null && d > key.max()) {
                    return "value must have a maximum value of " + key.max().intValue();
                }
                if (key.min() != null && d < key.min()) {
                    return "value must have a minimum value of " + key.min().intValue();
                }
                return null;
            }
            default -> {
                return key.values().contains(v) ? null
                        : "value '" + v + "' does not have a value in the enumeration '"
                        + String.join(", ", key.values()) + "'";
            }
        }
    }
}
