package io.pvebench.sim.command;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pvesh get|set|create|delete PATH [--name value ...] [--output-format
 * text|json|json-pretty] [--noborder] [--noheader] [--human-readable 0|1] [--quiet]}:
 * parses the command line as pve-manager's {@code pvesh} does and hands the call to the
 * handler {@link ApiRoutes} has for the path. API errors go to stderr with exit 255. The
 * default format is {@code text} (pve-common {@code pve-output-format}), rendered by
 * {@link CliTable} with the handler's {@link ApiHandler#returns return schema}; the
 * standard output options are taken off before the handler sees the parameters
 * ({@code RESTHandler::extract_standard_output_properties}). {@code yaml} is accepted
 * but printed as compact JSON (not simulated).
 */
final class Pvesh implements Program {

    private static final List<String> METHODS = List.of("get", "set", "create", "delete");
    private static final List<String> FLAGS = List.of("noborder", "noheader", "human-readable", "quiet");

    private final ApiRoutes routes = new ApiRoutes();

    @Override
    public Reply run(Invocation inv) throws InterruptedException {
        List<String> args = inv.args();
        if (args.isEmpty() || !METHODS.contains(args.get(0))) {
            return Reply.error("ERROR: unknown command 'pvesh " + String.join(" ", args) + "'\n", 255);
        }
        String method = args.get(0);
        if (args.size() < 2) {
            return Reply.error("400 not enough arguments\npvesh " + method + " <api_path> [OPTIONS] [FORMAT_OPTIONS]\n",
                    255);
        }
        String path = args.get(1).replaceAll("/+$", "");
        String format = "text";
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, Boolean> flags = new LinkedHashMap<>();
        for (int i = 2; i < args.size(); i++) {
            String opt = args.get(i).replaceFirst("^--?", "");
            String value = null;
            int eq = opt.indexOf('=');
            if (eq >= 0) {
                value = opt.substring(eq + 1);
                opt = opt.substring(0, eq);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            }
            if (opt.equals("output-format")) {
                format = value;
            } else if (FLAGS.contains(opt)) {
                Boolean flag = bool(value);
                if (flag == null) {
                    return Reply.error("400 Parameter verification failed.\n" + opt
                            + ": type check ('boolean') failed - got '" + value + "'\n", 255);
                }
                flags.put(opt, flag);
            } else {
                params.put(opt, value == null ? "1" : value);
            }
        }
        if (format == null || !List.of("text", "json", "json-pretty", "yaml").contains(format)) {
            return Reply.error("400 Parameter verification failed.\noutput-format: value '" + format
                    + "' does not have a value in the enumeration 'text, json, json-pretty, yaml'\n", 255);
        }
        var match = routes.match(path);
        if (match.isEmpty()) {
            return Reply.error("No '" + method + "' handler defined for '" + path + "'\n", 255);
        }
        ApiRequest request = new ApiRequest(method, path, match.get().vars(), params, inv);
        Object data;
        try {
            data = switch (method) {
                case "get" -> match.get().handler().get(request);
                case "set" -> match.get().handler().set(request);
                case "create" -> match.get().handler().create(request);
                default -> match.get().handler().delete(request);
            };
        } catch (ApiError e) {
            return Reply.error(e.getMessage() + "\n", 255);
        }
        boolean quiet = flags.getOrDefault("quiet", false);
        if (data instanceof WorkerOutput worker) {
            return worker.print(worker.upid() == null || quiet ? "" : format(worker.upid(), null, format, flags));
        }
        if (data == null || quiet) {
            return Reply.ok("");
        }
        return Reply.ok(format(data, match.get().handler().returns(request), format, flags));
    }

    private static String format(Object data, ApiSchema schema, String format, Map<String, Boolean> flags) {
        return switch (format) {
            case "text" -> CliTable.print(data, schema, new CliTable.Options(flags.getOrDefault("noborder", false),
                    flags.getOrDefault("noheader", false), flags.getOrDefault("human-readable", true), true,
                    ZoneOffset.UTC));
            case "json-pretty" -> PerlJson.pretty(data);
            default -> PerlJson.compact(data);
        };
    }

    /** A boolean option's value as pve-common's {@code JSONSchema::parse_boolean} reads it; null if it is none. */
    private static Boolean bool(String value) {
        if (value == null || value.matches("(?i)1|true|yes|on")) {
            return true;
        }
        return value.matches("(?i)0|false|no|off") ? false : null;
    }
}
