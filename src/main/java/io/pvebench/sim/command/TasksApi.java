package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.Task;
import io.pvebench.sim.model.Upid;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The task API of a node, after pve-manager 9.2.11 {@code PVE/API2/Tasks.pm} and
 * pve-common {@code Tools.pm} ({@code dump_logfile_by_filehandle}), {@code INotify.pm}
 * ({@code read_active_workers}) and {@code UPID.pm}:
 * <ul>
 * <li>{@code GET /nodes/{node}/tasks}: finished tasks (the archive) newest first;
 * {@code --source active|all} adds running ones ({@code status: RUNNING},
 * {@code saved: "0"}) in front; filters {@code start limit(50) userfilter typefilter vmid
 * errors since until statusfilter}. Entries: {@code upid node pid pstart starttime type id
 * user}, archived ones also {@code endtime status}.</li>
 * <li>{@code GET .../tasks/{upid}/status}: {@code status running|stopped},
 * {@code exitstatus} only when stopped.</li>
 * <li>{@code GET .../tasks/{upid}/log}: {@code [{"n":1,"t":"..."}]}, lines from
 * {@code start} (0-based), {@code limit} 50, {@code limit 0} = all; an empty log is one
 * {@code no content} line; an unknown task's log is the open error as one line.</li>
 * </ul>
 */
final class TasksApi {

    private TasksApi() {
    }

    /** {@code /nodes/{node}/tasks}. */
    static final class Index implements ApiHandler {

        /**
         * {@code Tasks.pm} {@code node_tasks} items: titled columns; the {@code timestamp}
         * renderers of {@code starttime endtime} exist on master (9.x), not on {@code stable-8}.
         */
        @Override
        public ApiSchema returns(ApiRequest request) {
            boolean nine = request.invocation().model().profile().memhost();
            ApiSchema.Prop start = ApiSchema.req("starttime", "integer").title("Starttime");
            ApiSchema.Prop end = ApiSchema.opt("endtime", "integer").title("Endtime");
            return ApiSchema.list(List.of(ApiSchema.req("upid", "string").title("UPID"),
                    ApiSchema.req("node", "string").title("Node"), ApiSchema.req("pid", "integer").title("PID"),
                    ApiSchema.req("pstart", "integer"), nine ? start.renderer("timestamp") : start,
                    ApiSchema.req("type", "string").title("Type"), ApiSchema.req("id", "string").title("ID"),
                    ApiSchema.req("user", "string").title("User"), nine ? end.renderer("timestamp") : end,
                    ApiSchema.opt("status", "string").title("Status")));
        }

        @Override
        public Object get(ApiRequest request) {
            request.allowOnly("start", "limit", "userfilter", "typefilter", "vmid", "errors", "source", "since",
                    "until", "statusfilter");
            String node = QemuApi.node(request);
            ClusterModel model = request.invocation().model();
            long start = integer(request, "start", 0);
            long limit = integer(request, "limit", 50);
            Optional<String> vmid = request.param("vmid");
            vmid.ifPresent(v -> integer(request, "vmid", 0));
            Optional<String> type = request.param("typefilter");
            Optional<String> user = request.param("userfilter");
            boolean errors = request.param("errors").map(v -> v.equals("1") || v.equalsIgnoreCase("true"))
                    .orElse(false);
            Optional<Long> since = request.param("since").map(v -> integer(request, "since", 0));
            Optional<Long> until = request.param("until").map(v -> integer(request, "until", 0));
            Set<String> states = Set.of("ok", "warning", "error", "unknown");
            if (request.param("statusfilter").isPresent() && !errors) {
                states = Set.of(request.param("statusfilter").get().toLowerCase().split("[,;\\s]+"));
            } else if (errors) {
                states = Set.of("warning", "error", "unknown");
            }
            String source = request.param("source").orElse("archive");
            if (!List.of("archive", "active", "all").contains(source)) {
                throw ApiError.parameter("source", "value '" + source
                        + "' does not have a value in the enumeration 'archive, active, all'");
            }
            List<Task> candidates = new ArrayList<>();
            if (!source.equals("archive")) {
                candidates.addAll(model.tasks().active(node));
            }
            if (!source.equals("active")) {
                candidates.addAll(model.tasks().archived(node));
            }
            List<JsonObject> result = new ArrayList<>();
            int count = 0;
            for (Task task : candidates) {
                Upid u = task.upid();
                String status = task.exitStatus().orElse(null);
                if (user.isPresent() && !u.user().toLowerCase().contains(user.get().toLowerCase())
                        || type.isPresent() && !u.type().equals(type.get())
                        || vmid.isPresent() && !vmid.get().equals("0") && !u.id().equals(vmid.get())
                        || since.isPresent() && u.starttime() < since.get()
                        || until.isPresent() && u.starttime() > until.get()
                        || !states.contains(statusType(status))) {
                    continue;
                }
                if (count++ < start || limit <= 0) {
                    continue;
                }
                limit--;
                JsonObject e = fields(u);
                if (task.running()) {
                    e.put("saved", "0").put("status", "RUNNING");
                } else {
                    e.put("endtime", task.endTime().orElseThrow().getEpochSecond()).put("status", status);
                }
                result.add(e);
            }
            return result;
        }

        /** {@code upid_normalize_status_type}; a running task (no status yet) is unknown. */
        private static String statusType(String status) {
            if (status == null || status.equals("unexpected status")) {
                return "unknown";
            }
            if (status.equals("OK")) {
                return "ok";
            }
            return status.matches("WARNINGS: \\d+") ? "warning" : "error";
        }
    }

    /** {@code /nodes/{node}/tasks/{upid}}: the index of a task's sub-paths. */
    static final class TaskIndex implements ApiHandler {

        @Override
        public Object get(ApiRequest request) {
            request.allowOnly();
            QemuApi.node(request);
            return List.of(new JsonObject().put("name", "log"), new JsonObject().put("name", "status"));
        }
    }

    /** {@code /nodes/{node}/tasks/{upid}/status}. */
    static final class Status implements ApiHandler {

        private static final ApiSchema SCHEMA = ApiSchema.object(List.of(ApiSchema.req("pid", "integer"),
                ApiSchema.req("status", "string"), ApiSchema.req("type", "string"), ApiSchema.req("id", "string"),
                ApiSchema.req("user", "string"), ApiSchema.opt("exitstatus", "string"),
                ApiSchema.req("upid", "string"), ApiSchema.req("starttime", "integer"),
                ApiSchema.req("pstart", "integer"), ApiSchema.req("node", "string")));

        @Override
        public ApiSchema returns(ApiRequest request) {
            return SCHEMA;
        }

        @Override
        public Object get(ApiRequest request) {
            request.allowOnly();
            String node = QemuApi.node(request);
            String upid = request.var("upid");
            Upid u = Upid.parse(upid).orElseThrow(() -> ApiError.parameter("upid", "unable to parse worker upid"));
            Task task = request.invocation().model().tasks().find(node, upid)
                    .orElseThrow(() -> ApiError.parameter("upid", "no such task"));
            JsonObject e = fields(u);
            if (task.running()) {
                e.put("status", "running");
            } else {
                e.put("status", "stopped").put("exitstatus", task.exitStatus().orElseThrow());
            }
            return e;
        }
    }

    /** {@code /nodes/{node}/tasks/{upid}/log}. */
    static final class Log implements ApiHandler {

        /** {@code n} is an integer: the text table sorts the lines numerically. */
        private static final ApiSchema SCHEMA = ApiSchema.list(List.of(ApiSchema.req("n", "integer"),
                ApiSchema.req("t", "string")));

        @Override
        public ApiSchema returns(ApiRequest request) {
            return SCHEMA;
        }

        @Override
        public Object get(ApiRequest request) {
            request.allowOnly("start", "limit", "download");
            String node = QemuApi.node(request);
            String upid = request.var("upid");
            if (Upid.parse(upid).isEmpty()) {
                throw ApiError.parameter("upid", "unable to parse worker upid");
            }
            long start = integer(request, "start", 0);
            long limit = integer(request, "limit", 50);
            Optional<Task> task = request.invocation().model().tasks().find(node, upid);
            if (task.isEmpty()) {
                return List.of(new JsonObject().put("n", 1).put("t", "unable to open file - No such file or directory"));
            }
            List<String> lines = task.get().lines();
            List<JsonObject> result = new ArrayList<>();
            boolean all = limit == 0;
            for (int i = 0; i < lines.size(); i++) {
                if (i < start) {
                    continue;
                }
                if (!all) {
                    if (limit <= 0) {
                        continue;
                    }
                    limit--;
                }
                result.add(new JsonObject().put("n", i + 1).put("t", lines.get(i)));
            }
            if (lines.isEmpty()) {
                result.add(new JsonObject().put("n", 1).put("t", "no content"));
            }
            return result;
        }
    }

    /** The keys {@code upid_decode} gives. */
    private static JsonObject fields(Upid u) {
        return new JsonObject().put("upid", u.text()).put("node", u.node()).put("pid", u.pid())
                .put("pstart", u.pstart()).put("starttime", u.starttime()).put("type", u.type()).put("id", u.id())
                .put("user", u.user());
    }

    /** An integer option with minimum 0, checked as pve-common's schema check words it. */
    static long integer(ApiRequest request, String name, long fallback) {
        Optional<String> v = request.param(name);
        if (v.isEmpty()) {
            return fallback;
        }
        if (!v.get().matches("-?[0-9]+")) {
            throw ApiError.parameter(name, "type check ('integer') failed - got '" + v.get() + "'");
        }
        long value = Long.parseLong(v.get());
        if (value < 0) {
            throw ApiError.parameter(name, "value must have a minimum value of 0");
        }
        return value;
    }
}
