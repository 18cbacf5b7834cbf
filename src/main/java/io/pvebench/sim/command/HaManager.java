package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.HaState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ha-manager} (pve-ha-manager {@code src/PVE/CLI/ha_manager.pm}, 5.2.0 and 4.0.7):
 * {@code status}, {@code config}, {@code add SID [--state S] [--group G] [--comment C]
 * [--max_restart N] [--max_relocate N]}, {@code remove SID}; on 8.4 {@code groupadd G
 * --nodes LIST [--restricted 0|1] [--nofailback 0|1]}, {@code groupconfig},
 * {@code groupremove G}; on 9.x {@code rules add TYPE RULE --resources ... [--nodes ...]
 * [--strict 0|1] [--affinity positive|negative] [--comment C]}, {@code rules remove RULE},
 * {@code rules list|config --output-format json|json-pretty}, {@code crm-command
 * node-maintenance enable|disable NODE} and on 9.2 {@code crm-command disarm-ha
 * freeze|ignore} and {@code crm-command arm-ha} (unknown commands on 8.4). On 9.x there are no groups
 * (a fresh 9.x cluster counts as migrated), so every group call fails with
 * {@code cannot <action> group: ha groups have been migrated to rules}
 * ({@code src/PVE/API2/HA/Groups.pm}). Errors go to stderr with exit 255.
 */
final class HaManager implements Program {

    @Override
    public Reply run(Invocation inv) {
        List<String> args = inv.args();
        if (args.isEmpty()) {
            return unknown("");
        }
        boolean rules = inv.model().profile().release().startsWith("9");
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                String key = a.substring(2);
                int eq = key.indexOf('=');
                if (eq >= 0) {
                    opts.put(key.substring(0, eq), key.substring(eq + 1));
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    opts.put(key, args.get(++i));
                } else {
                    opts.put(key, "1");
                }
            } else {
                positional.add(a);
            }
        }
        try {
            return switch (args.get(0)) {
                case "status" -> Reply.ok(HaStatusApi.statusText(inv.model(), inv.node().name()));
                case "config" -> config(inv.model());
                case "add" -> add(inv, positional, opts, rules);
                case "remove" -> remove(inv, positional);
                case "groupadd", "groupconfig", "groupremove", "groupset" -> group(inv, args.get(0), positional, opts,
                        rules);
                case "crm-command" -> crmCommand(inv, args);
                case "rules" -> {
                    if (!rules) {
                        yield unknown("rules");
                    }
                    yield HaRules.run(inv, positional, opts);
                }
                default -> unknown(String.join(" ", args));
            };
        } catch (ApiError e) {
            return Reply.error(e.getMessage() + "\n", 255);
        }
    }

    /**
     * {@code ha-manager crm-command node-maintenance enable|disable <node>} (and on 9.2
     * {@code disarm-ha freeze|ignore}, {@code arm-ha}): queues a CRM command the master
     * reads in its next round ({@code PVE::HA::Config::queue_crm_commands}); prints nothing.
     */
    private static Reply crmCommand(Invocation inv, List<String> args) {
        String sub = args.size() > 1 ? args.get(1) : "";
        boolean disarm = inv.model().profile().release().equals("9.2");
        String cmd;
        switch (sub) {
            case "node-maintenance" -> {
                String action = args.size() > 2 ? args.get(2) : "";
                if (!action.equals("enable") && !action.equals("disable")) {
                    return unknown("crm-command node-maintenance" + (action.isEmpty() ? "" : " " + action));
                }
                if (args.size() != 4) {
                    throw new ApiError("400 wrong number of arguments\nha-manager crm-command node-maintenance "
                            + action + " <node>");
                }
                String node = args.get(3);
                if (!node.matches("[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?")) {
                    throw ApiError.parameter("node", "invalid format - value does not look like a valid node name");
                }
                cmd = action + "-node-maintenance " + node;
            }
            case "disarm-ha" -> {
                if (!disarm) {
                    return unknown("crm-command disarm-ha");
                }
                String mode = args.size() > 2 ? args.get(2) : "";
                if (!mode.equals("freeze") && !mode.equals("ignore")) {
                    throw ApiError.parameter("resource-mode", mode.isEmpty()
                            ? "property is missing and it is not optional"
                            : "value '" + mode + "' does not have a value in the enumeration 'freeze, ignore'");
                }
                cmd = "disarm-ha " + mode;
            }
            case "arm-ha" -> {
                if (!disarm) {
                    return unknown("crm-command arm-ha");
                }
                cmd = "arm-ha";
            }
            default -> {
                return unknown("crm-command" + (sub.isEmpty() ? "" : " " + sub));
            }
        }
        inv.model().ha(ha -> ha.crmCommands().add(cmd));
        return Reply.ok("");
    }

    private static Reply unknown(String command) {
        return Reply.error("ERROR: unknown command 'ha-manager " + command + "'\n"
                + "USAGE: ha-manager <COMMAND> [ARGS] [OPTIONS]\n", 255);
    }

    /** {@code PVE::HA::Config::parse_sid}: a bare vmid means {@code vm:<vmid>}. */
    static String sid(String text) {
        if (text.matches("[0-9]+")) {
            return "vm:" + text;
        }
        if (!text.matches("(vm|ct):[0-9]+")) {
            throw ApiError.parameter("sid", "value does not look like a valid ha resource id");
        }
        return text;
    }

    private static Reply config(ClusterModel model) {
        StringBuilder out = new StringBuilder();
        model.ha(ha -> {
            for (HaState.Resource r : ha.resources().values()) {
                out.append(r.sid()).append('\n');
                for (Map.Entry<String, String> e : HaResourcesApi.properties(r).entrySet()) {
                    out.append('\t').append(e.getKey()).append(' ').append(e.getValue()).append('\n');
                }
                out.append('\n');
            }
            return null;
        });
        return Reply.ok(out.toString());
    }

    private static Reply add(Invocation inv, List<String> positional, Map<String, String> opts, boolean rules) {
        if (positional.size() != 1) {
            throw new ApiError("400 not enough arguments\nha-manager add <sid> [OPTIONS]");
        }
        String sid = sid(positional.get(0));
        for (String key : opts.keySet()) {
            if (!List.of("state", "group", "comment", "max_restart", "max_relocate", "type").contains(key)) {
                throw ApiError.parameter(key,
                        "property is not defined in schema and the schema does not allow additional properties");
            }
        }
        String state = opts.get("state");
        if (state != null && !List.of("started", "stopped", "enabled", "disabled", "ignored").contains(state)) {
            throw ApiError.parameter("state", "value '" + state
                    + "' does not have a value in the enumeration 'started, stopped, enabled, disabled, ignored'");
        }
        ClusterModel model = inv.model();
        if (!model.quorate(inv.node().name())) {
            throw new ApiError("cluster not ready - no quorum?");
        }
        if (opts.containsKey("group") && rules) {
            throw new ApiError("invalid parameter 'group': ha groups have been migrated to rules");
        }
        int vmid = Integer.parseInt(sid.substring(sid.indexOf(':') + 1));
        if (sid.startsWith("ct:") || model.vm(vmid).isEmpty()) {
            throw new ApiError("resource '" + sid + "' does not exist in cluster");
        }
        model.ha(ha -> {
            if (ha.resources().containsKey(sid)) {
                throw new ApiError("create resource failed: resource ID '" + sid + "' already defined");
            }
            ha.resources().put(sid, new HaState.Resource(sid, state, opts.get("group"), opts.get("comment"),
                    opts.containsKey("max_restart") ? Integer.valueOf(opts.get("max_restart")) : null,
                    opts.containsKey("max_relocate") ? Integer.valueOf(opts.get("max_relocate")) : null));
            return null;
        });
        return Reply.ok("");
    }

    private static Reply remove(Invocation inv, List<String> positional) {
        if (positional.size() != 1) {
            throw new ApiError("400 not enough arguments\nha-manager remove <sid> [OPTIONS]");
        }
        String sid = sid(positional.get(0));
        inv.model().ha(ha -> {
            if (ha.resources().remove(sid) == null) {
                throw new ApiError("cannot delete service '" + sid + "', not HA managed!");
            }
            // --purge (default 1): drop the resource from rules, and rules left empty
            for (var it = ha.rules().entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                List<String> left = new ArrayList<>(List.of(e.getValue().resources().split(",")));
                left.remove(sid);
                if (left.isEmpty()) {
                    it.remove();
                } else {
                    HaState.Rule r = e.getValue();
                    e.setValue(new HaState.Rule(r.type(), r.name(), String.join(",", left), r.nodes(), r.strict(),
                            r.affinity(), r.comment(), r.disabled()));
                }
            }
            return null;
        });
        return Reply.ok("");
    }

    private static Reply group(Invocation inv, String command, List<String> positional, Map<String, String> opts,
                               boolean rules) {
        String action = switch (command) {
            case "groupadd" -> "create";
            case "groupconfig" -> "index";
            case "groupremove" -> "delete";
            default -> "update";
        };
        if (rules) {
            throw new ApiError("cannot " + action + (action.equals("index") ? " groups" : " group")
                    + ": ha groups have been migrated to rules");
        }
        return inv.model().ha(ha -> {
            switch (command) {
                case "groupconfig" -> {
                    StringBuilder out = new StringBuilder();
                    for (HaState.Group g : ha.groups().values()) {
                        out.append("group: ").append(g.name()).append('\n');
                        if (g.comment() != null) {
                            out.append("\tcomment ").append(g.comment()).append('\n');
                        }
                        out.append("\tnodes ").append(g.nodes()).append('\n');
                        if (g.nofailback()) {
                            out.append("\tnofailback 1\n");
                        }
                        if (g.restricted()) {
                            out.append("\trestricted 1\n");
                        }
                        out.append('\n');
                    }
                    return Reply.ok(out.toString());
                }
                case "groupadd" -> {
                    if (positional.size() != 1 || !opts.containsKey("nodes")) {
                        throw ApiError.parameter("nodes", "property is missing and it is not optional");
                    }
                    String name = positional.get(0);
                    if (ha.groups().containsKey(name)) {
                        throw new ApiError("create ha group failed: ha group ID '" + name + "' already defined");
                    }
                    ha.groups().put(name, new HaState.Group(name, opts.get("nodes"),
                            "1".equals(opts.get("restricted")), "1".equals(opts.get("nofailback")),
                            opts.get("comment")));
                    return Reply.ok("");
                }
                case "groupremove" -> {
                    if (positional.size() != 1 || ha.groups().remove(positional.get(0)) == null) {
                        throw new ApiError("no such ha group '" + (positional.isEmpty() ? "" : positional.get(0))
                                + "'");
                    }
                    return Reply.ok("");
                }
                default -> throw new ApiError("groupset is not modelled by the twin");
            }
        });
    }
}
