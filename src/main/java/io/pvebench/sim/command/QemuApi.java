package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.VmConfig;
import io.pvebench.sim.model.VmInfo;
import io.pvebench.sim.model.VmStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The VM API of a node, after qemu-server 9.2.6 {@code src/PVE/API2/Qemu.pm} and
 * {@code src/PVE/QemuServer.pm}:
 * <ul>
 * <li>{@code GET /nodes/{node}/qemu}: {@code vmstatus} of every VM whose config is on the
 * node ({@code vmid status name cpus maxmem maxdisk disk uptime cpu mem netin netout}, with
 * {@code memhost} and the PSI {@code pressure*} keys on 9.x, {@code pid} when running,
 * {@code template lock tags} when set), by vmid.</li>
 * <li>{@code GET .../qemu/{vmid}/status/current}: the same with the full-status keys
 * ({@code qmpstatus}, and when running {@code balloon freemem diskread diskwrite
 * running-machine running-qemu}), {@code ha} ({@code managed: 0}) and {@code agent}.</li>
 * <li>{@code GET .../qemu/{vmid}/config}: the config with pending changes applied (or
 * not, with {@code --current 1}) and {@code digest}; integer/boolean keys as numbers,
 * everything else as strings ({@code check_type} in {@code parse_vm_config}).</li>
 * </ul>
 * A VM whose config is not on the node fails as {@code load_config} does.
 */
final class QemuApi {

    /** Config keys whose schema type is integer or boolean ({@code $confdesc}). */
    private static final Set<String> NUMERIC = Set.of("cores", "sockets", "vcpus", "numa", "onboot", "template",
            "balloon", "shares", "protection", "acpi", "kvm", "tablet", "localtime", "freeze", "reboot",
            "migrate_downtime", "migrate_speed", "autostart");

    private QemuApi() {
    }

    /**
     * qemu-server {@code QemuServer.pm} {@code $vmstatus_return_properties}, the items of
     * {@code vmlist}; 9.x ({@code master}) adds {@code memhost} and the {@code pressure*}
     * keys to {@code stable-bookworm}'s. No {@code disk}: the text table has no such column.
     */
    static List<ApiSchema.Prop> vmstatusProperties(boolean nine) {
        List<ApiSchema.Prop> props = new ArrayList<>(List.of(ApiSchema.req("vmid", "integer"),
                ApiSchema.req("status", "string"), bytes("mem"), bytes("maxmem"), bytes("maxdisk"),
                bytes("diskread"), bytes("diskwrite"), ApiSchema.opt("name", "string"), bytes("netin"),
                bytes("netout"), ApiSchema.opt("qmpstatus", "string"), ApiSchema.opt("pid", "integer"),
                ApiSchema.opt("uptime", "integer").renderer("duration"), ApiSchema.opt("cpu", "number"),
                ApiSchema.opt("cpus", "number"), ApiSchema.opt("lock", "string"), ApiSchema.opt("tags", "string"),
                ApiSchema.opt("running-machine", "string"), ApiSchema.opt("running-qemu", "string"),
                ApiSchema.opt("template", "boolean"), ApiSchema.opt("serial", "boolean")));
        if (nine) {
            props.add(bytes("memhost"));
            for (String p : List.of("cpusome", "cpufull", "iosome", "iofull", "memorysome", "memoryfull")) {
                props.add(ApiSchema.opt("pressure" + p, "number"));
            }
        }
        return props;
    }

    private static ApiSchema.Prop bytes(String name) {
        return ApiSchema.opt(name, "integer").renderer("bytes");
    }

    /** The {@code {node}} of the path, which must be a cluster node. */
    static String node(ApiRequest request) {
        String node = request.var("node");
        ClusterModel model = request.invocation().model();
        if (model.nodes().stream().noneMatch(n -> n.name().equals(node))) {
            throw new ApiError("no such cluster node '" + node + "'");
        }
        return node;
    }

    private static VmConfig config(ApiRequest request, String node) {
        String text = request.var("vmid");
        if (!text.matches("[0-9]+")) {
            throw ApiError.parameter("vmid", "type check ('integer') failed - got '" + text + "'");
        }
        int vmid = Integer.parseInt(text);
        ClusterModel model = request.invocation().model();
        if (!node.equals(model.nodeOf(vmid))) {
            throw new ApiError("Configuration file 'nodes/" + node + "/qemu-server/" + vmid + ".conf' does not exist");
        }
        return model.config(vmid).orElseThrow();
    }

    /** {@code /nodes/{node}/qemu}. */
    static final class Index implements ApiHandler {

        @Override
        public ApiSchema returns(ApiRequest request) {
            return ApiSchema.list(vmstatusProperties(request.invocation().model().profile().memhost()));
        }

        @Override
        public Object get(ApiRequest request) {
            request.allowOnly("full");
            String node = node(request);
            ClusterModel model = request.invocation().model();
            boolean full = request.param("full").map(v -> v.equals("1")).orElse(false);
            List<JsonObject> result = new ArrayList<>();
            for (VmInfo vm : model.vmsOn(node)) {
                result.add(status(model, vm, full));
            }
            return result;
        }
    }

    /** {@code /nodes/{node}/qemu/{vmid}/status/current}. */
    static final class Current implements ApiHandler {

        /** {@code Qemu.pm} {@code vm_status}: the vmstatus properties plus {@code ha spice agent clipboard}. */
        @Override
        public ApiSchema returns(ApiRequest request) {
            List<ApiSchema.Prop> props = vmstatusProperties(request.invocation().model().profile().memhost());
            props.addAll(List.of(ApiSchema.req("ha", "object"), ApiSchema.opt("spice", "boolean"),
                    ApiSchema.opt("agent", "boolean"), ApiSchema.opt("clipboard", "string")));
            return ApiSchema.object(props);
        }

        @Override
        public Object get(ApiRequest request) {
            request.allowOnly();
            VmConfig conf = config(request, node(request));
            ClusterModel model = request.invocation().model();
            JsonObject e = status(model, model.vm(conf.vmid()).orElseThrow(), true);
            e.put("ha", new JsonObject().put("managed", 0));
            if (conf.get("agent").map(a -> a.startsWith("1") || a.contains("enabled=1")).orElse(false)) {
                e.put("agent", 1);
            }
            return e;
        }
    }

    /** {@code /nodes/{node}/qemu/{vmid}/config}. */
    static final class Config implements ApiHandler {

        @Override
        public Object get(ApiRequest request) {
            request.allowOnly("current", "snapshot");
            VmConfig conf = config(request, node(request));
            boolean current = request.param("current").map(v -> v.equals("1")).orElse(false);
            Map<String, String> values = new TreeMap<>(current ? conf.values() : conf.applyPending().values());
            JsonObject e = new JsonObject();
            values.forEach((k, v) -> e.put(k, NUMERIC.contains(k) && v.matches("[0-9]+") ? (Object) Long.parseLong(v) : v));
            e.put("digest", conf.digest());
            return e;
        }
    }

    /** {@code PVE::QemuServer::vmstatus} for one VM. */
    static JsonObject status(ClusterModel model, VmInfo vm, boolean full) {
        VmConfig conf = model.config(vm.vmid()).orElseThrow();
        boolean running = model.running(vm.vmid());
        boolean nine = model.profile().memhost();
        JsonObject e = new JsonObject().put("vmid", vm.vmid());
        if (running) {
            e.put("pid", vm.pid());
        }
        e.put("status", running ? "running" : "stopped").put("disk", 0).put("maxdisk", conf.bootDiskBytes())
                .put("cpus", conf.cores()).put("name", conf.name()).put("maxmem", conf.memoryBytes());
        VmStats s = model.vmStats(vm.vmid());
        e.put("uptime", s.uptime()).put("cpu", running ? (Object) s.cpu() : (Object) 0)
                // without QMP (full) the cgroup memory; with it the balloon driver's view
                .put("mem", running ? (full ? s.mem() : s.memhost()) : 0);
        if (nine) {
            e.put("memhost", running ? s.memhost() : 0);
        }
        e.put("netout", s.netout()).put("netin", s.netin());
        if (conf.template()) {
            e.put("template", 1);
        }
        conf.lock().ifPresent(l -> e.put("lock", l));
        conf.tags().ifPresent(t -> e.put("tags", t));
        if (running && nine) {
            e.put("pressurecpusome", 0).put("pressurecpufull", 0).put("pressureiosome", 0).put("pressureiofull", 0)
                    .put("pressurememorysome", 0).put("pressurememoryfull", 0);
        }
        if (full) {
            e.put("qmpstatus", running ? "running" : "stopped");
            if (running) {
                e.put("balloon", conf.memoryBytes()).put("freemem", conf.memoryBytes() - s.mem())
                        .put("diskread", s.diskread()).put("diskwrite", s.diskwrite())
                        .put("running-machine", nine ? "pc-i440fx-11.0+pve0" : "pc-i440fx-9.2+pve1")
                        .put("running-qemu", nine ? "11.0.0" : "9.2.0");
            }
        }
        return e;
    }
}
