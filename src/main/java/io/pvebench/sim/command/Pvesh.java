package io.pvebench.sim.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pvesh get|set|create|delete PATH [--name value ...] [--output-format
 * json|json-pretty]}: parses the command line as pve-manager's {@code pvesh} does and
 * hands the call to the handler {@link ApiRoutes} has for the path. API errors go to
 * stderr with exit 255. The text table (no {@code --output-format}) is not simulated:
 * JSON is printed.
 */
final class Pvesh implements Program {

    private static final List<String> METHODS = List.of("get", "set", "create", "delete");

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
        String format = "json";
        Map<String, String> params = new LinkedHashMap<>();
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
            } else {
                params.put(opt, value == null ? "1" : value);
            }
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
        if (data == null) {
            return Reply.ok("");
        }
        if (data instanceof WorkerOutput worker) {
            return worker.print(worker.upid() == null ? "" : "json-pretty".equals(format)
                    ? PerlJson.pretty(worker.upid()) : PerlJson.compact(worker.upid()));
        }
        return Reply.ok("json-pretty".equals(format) ? PerlJson.pretty(data) : PerlJson.compact(data));
    }
}
