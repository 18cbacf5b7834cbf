package io.pvebench.sim.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API paths the twin's {@code pvesh} answers, each with its handler. A path template
 * names its placeholders in braces ({@code /nodes/{node}/tasks/{upid}/status}); a
 * placeholder matches one path segment. To add an endpoint, add one {@code add} line.
 */
final class ApiRoutes {

    private record Route(String template, Pattern pattern, List<String> names, ApiHandler handler) {
    }

    /** A route that matched a path, with the values of its placeholders. */
    record Match(ApiHandler handler, Map<String, String> vars) {
    }

    private final List<Route> routes = new ArrayList<>();

    ApiRoutes() {
        add("/cluster/resources", new ClusterResourcesApi());
        add("/cluster/status", new ClusterStatusApi());
        add("/cluster/nextid", new NextIdApi());
        add("/version", new VersionApi());
        add("/cluster/options", new ClusterOptionsApi());
        add("/cluster/ha/status/current", new HaStatusApi());
        add("/cluster/ha/resources", new HaResourcesApi());
        add("/cluster/ha/rules", new HaRulesApi());
        add("/nodes/{node}/tasks", new TasksApi.Index());
        add("/nodes/{node}/tasks/{upid}", new TasksApi.TaskIndex());
        add("/nodes/{node}/tasks/{upid}/status", new TasksApi.Status());
        add("/nodes/{node}/tasks/{upid}/log", new TasksApi.Log());
        add("/nodes/{node}/qemu", new QemuApi.Index());
        add("/nodes/{node}/qemu/{vmid}/status/current", new QemuApi.Current());
        add("/nodes/{node}/qemu/{vmid}/config", new QemuLifecycleApi.Config());
        add("/nodes/{node}/qemu/{vmid}", new QemuLifecycleApi.Vm());
        add("/nodes/{node}/qemu/{vmid}/status/start", new QemuLifecycleApi.Power("start"));
        add("/nodes/{node}/qemu/{vmid}/status/stop", new QemuLifecycleApi.Power("stop"));
        add("/nodes/{node}/qemu/{vmid}/status/shutdown", new QemuLifecycleApi.Power("shutdown"));
        add("/nodes/{node}/qemu/{vmid}/clone", new QemuLifecycleApi.Clone());
        add("/nodes/{node}/qemu/{vmid}/template", new QemuLifecycleApi.Template());
        add("/nodes/{node}/status", new NodeStatusApi());
    }

    private void add(String template, ApiHandler handler) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([a-z]+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        routes.add(new Route(template, Pattern.compile(regex.toString()), names, handler));
    }

    Optional<Match> match(String path) {
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(path);
            if (m.matches()) {
                Map<String, String> vars = new LinkedHashMap<>();
                for (int i = 0; i < route.names().size(); i++) {
                    vars.put(route.names().get(i), m.group(i + 1));
                }
                return Optional.of(new Match(route.handler(), vars));
            }
        }
        return Optional.empty();
    }
}
