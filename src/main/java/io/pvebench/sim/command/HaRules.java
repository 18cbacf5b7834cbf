package io.pvebench.sim.command;

import io.pvebench.sim.model.HaState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ha-manager rules add|remove|list|config} (PVE 9.x; pve-ha-manager
 * {@code src/PVE/API2/HA/Rules.pm}, {@code src/PVE/CLI/ha_manager.pm}). Types
 * {@code node-affinity} ({@code --nodes n1[:prio],...}, {@code --strict 0|1}) and
 * {@code resource-affinity} ({@code --affinity positive|negative}); resources must be HA
 * managed, nodes must exist. {@code list}/{@code config} print JSON with
 * {@code --output-format json|json-pretty}; {@code config} adds {@code enabled} and
 * {@code state} ({@code in use}). The text table of pve-common's CLIFormatter is not
 * simulated (JSON is printed), nor are feasibility checks.
 */
final class HaRules {

    private HaRules() {
    }

    static Reply run(Invocation inv, List<String> positional, Map<String, String> opts) {
        if (positional.isEmpty()) {
            return Reply.error("ERROR: unknown command 'ha-manager rules'\n"
                    + "USAGE: ha-manager rules <COMMAND> [ARGS] [OPTIONS]\n", 255);
        }
        String verb = positional.get(0);
        return switch (verb) {
            case "add" -> add(inv, positional, opts);
            case "remove" -> {
                if (positional.size() != 2) {
                    throw new ApiError("400 not enough arguments\nha-manager rules remove <rule>");
                }
                inv.model().ha(ha -> {
                    if (ha.rules().remove(positional.get(1)) == null) {
                        throw new ApiError("no such ha rule '" + positional.get(1) + "'");
                    }
                    return null;
                });
                yield Reply.ok("");
            }
            case "list", "config" -> list(inv, opts, verb.equals("config"));
            default -> Reply.error("ERROR: unknown command 'ha-manager rules " + verb + "'\n"
                    + "USAGE: ha-manager rules <COMMAND> [ARGS] [OPTIONS]\n", 255);
        };
    }

    private static Reply add(Invocation inv, List<String> positional, Map<String, String> opts) {
        if (positional.size() != 3) {
            throw new ApiError("400 not enough arguments\nha-manager rules add <type> <rule> [OPTIONS]");
        }
        String type = positional.get(1);
        String name = positional.get(2);
        if (!List.of("node-affinity", "resource-affinity").contains(type)) {
            throw ApiError.parameter("type", "value '" + type
                    + "' does not have a value in the enumeration 'node-affinity, resource-affinity'");
        }
        String resources = opts.get("resources");
        if (resources == null) {
            throw ApiError.parameter("resources", "property is missing and it is not optional");
        }
        List<String> sids = new ArrayList<>();
        for (String s : resources.split(",")) {
            sids.add(HaManager.sid(s.trim()));
        }
        String strict = opts.get("strict");
        String affinity = opts.get("affinity");
        if (type.equals("node-affinity") && opts.get("nodes") == null) {
            throw new ApiError("no nodes were specified");
        }
        if (type.equals("resource-affinity") && affinity == null) {
            throw ApiError.parameter("affinity", "property is missing and it is not optional");
        }
        List<String> knownNodes = inv.model().nodes().stream().map(n -> n.name()).toList();
        inv.model().ha(ha -> {
            List<String> unmanaged = sids.stream().filter(s -> !ha.resources().containsKey(s)).toList();
            if (!unmanaged.isEmpty()) {
                throw new ApiError("cannot use unmanaged resource(s) " + String.join(", ", unmanaged) + ".");
            }
            if (opts.get("nodes") != null) {
                List<String> missing = new ArrayList<>();
                for (String n : opts.get("nodes").split(",")) {
                    String node = n.split(":")[0];
                    if (!knownNodes.contains(node)) {
                        missing.add(node);
                    }
                }
                if (!missing.isEmpty()) {
                    throw new ApiError("cannot use non-existent node(s) " + String.join(", ", missing) + ".");
                }
            }
            if (ha.rules().containsKey(name)) {
                throw new ApiError("HA rule '" + name + "' already defined");
            }
            ha.rules().put(name, new HaState.Rule(type, name, String.join(",", sids), opts.get("nodes"),
                    strict == null ? null : Integer.valueOf(strict), affinity, opts.get("comment"),
                    "1".equals(opts.get("disable"))));
            return null;
        });
        return Reply.ok("");
    }

    private static Reply list(Invocation inv, Map<String, String> opts, boolean config) {
        String format = opts.getOrDefault("output-format", "json");
        List<JsonObject> rows = inv.model().ha(ha -> rows(ha, opts.get("type"), config));
        return Reply.ok("json-pretty".equals(format) ? PerlJson.pretty(rows) : PerlJson.compact(rows));
    }

    /**
     * The rules as {@code rules.cfg} orders them, as the API lists them ({@code Rules.pm} {@code index}:
     * the properties set, and {@code order}, the rule's place in the file); {@code config} adds what
     * {@code ha-manager rules config} shows ({@code enabled}, {@code state}).
     */
    static List<JsonObject> rows(HaState ha, String type, boolean config) {
        List<JsonObject> result = new ArrayList<>();
        int order = 0;
        for (HaState.Rule r : ha.rules().values()) {
            order++;
            if (type != null && !type.equals(r.type())) {
                continue;
            }
            JsonObject o = new JsonObject().put("rule", r.name()).put("type", r.type())
                    .put("resources", r.resources());
            if (!config) {
                o.put("order", order);
            }
            if (r.nodes() != null) {
                o.put("nodes", r.nodes());
            }
            if (r.strict() != null) {
                o.put("strict", r.strict());
            }
            if (r.affinity() != null) {
                o.put("affinity", r.affinity());
            }
            if (r.comment() != null) {
                o.put("comment", r.comment());
            }
            if (r.disabled()) {
                o.put("disable", 1);
            }
            if (config) {
                o.put("enabled", r.disabled() ? 0 : 1).put("state", "in use");
            }
            result.add(o);
        }
        return result;
    }
}
