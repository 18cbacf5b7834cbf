package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The VM lifecycle calls of the API, as {@code pvesh} on a node makes them (qemu-server
 * 9.2.6 {@code src/PVE/API2/Qemu.pm}): {@code create .../status/start|stop|shutdown},
 * {@code create .../clone --newid N}, {@code create .../template},
 * {@code delete /nodes/{node}/qemu/{vmid}} and {@code set .../config} (the synchronous
 * PUT). They run on the path's node ({@code proxyto => 'node'}) through the same code as
 * {@code qm} ({@link QmLifecycle}); a check before the fork is an API error (exit 255), a
 * forked worker prints its output and then its UPID (see {@link WorkerOutput}); {@code set}
 * prints {@code update VM ...} and returns nothing.
 */
final class QemuLifecycleApi {

    private QemuLifecycleApi() {
    }

    @FunctionalInterface
    private interface Op {
        Reply run(QmLifecycle lifecycle, Invocation inv) throws InterruptedException;
    }

    private static final QmLifecycle LIFECYCLE = new QmLifecycle();

    /** Runs {@code qm <sub> <vmid> [positional] --k v ...} on the path's node. */
    private static Object call(ApiRequest request, String sub, List<String> positional, Map<String, String> options,
                               Op op) throws InterruptedException {
        String node = QemuApi.node(request);
        ClusterModel model = request.invocation().model();
        List<String> args = new ArrayList<>();
        args.add(sub);
        args.add(request.var("vmid"));
        args.addAll(positional);
        options.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        Invocation inv = new Invocation("qm", args, model.node(node), model);
        TaskRunner.takeLast();
        Reply reply;
        try {
            reply = op.run(LIFECYCLE, inv);
        } catch (CommandFailure e) {
            TaskRunner.takeLast();
            java.util.regex.Matcher unknown = java.util.regex.Pattern.compile("^Unknown option: (\\S+)")
                    .matcher(e.getMessage());
            if (unknown.find()) {
                throw ApiError.parameter(unknown.group(1),
                        "property is not defined in schema and the schema does not allow additional properties");
            }
            // the API has no CLI usage line
            throw new ApiError(e.getMessage().replaceFirst("\nqm [a-z]+ <vmid>.*$", ""));
        }
        Task task = TaskRunner.takeLast();
        if (task == null && reply.exitCode() != 0) {
            throw new ApiError(reply.stderr().stripTrailing());
        }
        return new WorkerOutput(reply, task == null ? null : task.upid().text());
    }

    private static Map<String, String> without(Map<String, String> params, String... names) {
        Map<String, String> rest = new java.util.LinkedHashMap<>(params);
        for (String n : names) {
            rest.remove(n);
        }
        return rest;
    }

    /** {@code /nodes/{node}/qemu/{vmid}/status/start|stop|shutdown}. */
    static final class Power implements ApiHandler {

        private final String action;

        Power(String action) {
            this.action = action;
        }

        @Override
        public Object create(ApiRequest request) throws InterruptedException {
            return call(request, action, List.of(), request.params(), switch (action) {
                case "start" -> QmLifecycle::start;
                case "stop" -> QmLifecycle::stop;
                default -> QmLifecycle::shutdown;
            });
        }
    }

    /** {@code /nodes/{node}/qemu/{vmid}/clone}. */
    static final class Clone implements ApiHandler {

        @Override
        public Object create(ApiRequest request) throws InterruptedException {
            String newid = request.param("newid").orElseThrow(() -> ApiError.parameter("newid",
                    "property is missing and it is not optional"));
            return call(request, "clone", List.of(newid), without(request.params(), "newid"), QmLifecycle::clone);
        }
    }

    /** {@code /nodes/{node}/qemu/{vmid}/template}. */
    static final class Template implements ApiHandler {

        @Override
        public Object create(ApiRequest request) throws InterruptedException {
            return call(request, "template", List.of(), request.params(), QmLifecycle::template);
        }
    }

    /** {@code /nodes/{node}/qemu/{vmid}}: {@code delete} destroys the VM. */
    static final class Vm implements ApiHandler {

        @Override
        public Object delete(ApiRequest request) throws InterruptedException {
            return call(request, "destroy", List.of(), request.params(), QmLifecycle::destroy);
        }
    }

    /** {@code /nodes/{node}/qemu/{vmid}/config}: {@code set} is the synchronous PUT ({@code qm set}). */
    static final class Config implements ApiHandler {

        private final QemuApi.Config get = new QemuApi.Config();

        @Override
        public Object get(ApiRequest request) {
            return get.get(request);
        }

        @Override
        public Object set(ApiRequest request) throws InterruptedException {
            return call(request, "set", List.of(), request.params(), (l, inv) -> l.set(inv));
        }
    }
}
