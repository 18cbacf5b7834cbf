package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.NodeInfo;
import io.pvebench.sim.model.NodeStats;
import io.pvebench.sim.model.QuorumView;
import io.pvebench.sim.model.StorageInfo;
import io.pvebench.sim.model.VersionProfile;
import io.pvebench.sim.model.VmInfo;
import io.pvebench.sim.model.VmStats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /cluster/resources [--type vm|storage|node|sdn]}. Field sets and entry order
 * follow pve-manager {@code PVE/API2/Cluster.pm} and {@code PVE/API2Tools.pm} (9.2.11,
 * and {@code stable-8} 8.4.21): VMs by vmid (as strings; {@code template}, {@code lock},
 * {@code tags} from their configs), then nodes, then per node {@code local},
 * {@code local-lvm} and every shared VM storage; {@code memhost} only on 9.x, node
 * {@code host-arch} only on 9.2; {@code hastate} for HA-managed VMs (the CRM state) and,
 * once HA is active, for nodes (the CRM node state). Seen from the local node's corosync
 * partition. Offline nodes lose
 * {@code uptime cpu mem disk}; once their RRD data has expired (5 model minutes) also
 * {@code level} and the maxima, their VMs shrink to {@code id vmid node type
 * status:unknown} and their storage to {@code status:unknown}.
 */
final class ClusterResourcesApi implements ApiHandler {

    @Override
    public ApiSchema returns(ApiRequest request) {
        return schema(request.invocation().model().profile());
    }

    /**
     * The item properties of {@code Cluster.pm} {@code resources} on master (9.2) and
     * {@code stable-8}: 8.4 lacks {@code memhost shared sdn network network-type zone-type
     * protocol host-arch}.
     */
    static ApiSchema schema(VersionProfile profile) {
        List<ApiSchema.Prop> props = new ArrayList<>(List.of(ApiSchema.req("id", "string"),
                ApiSchema.req("type", "string"), ApiSchema.opt("status", "string"), ApiSchema.opt("name", "string"),
                ApiSchema.opt("node", "string"), ApiSchema.opt("storage", "string"), ApiSchema.opt("pool", "string"),
                ApiSchema.opt("cpu", "number").renderer("fraction_as_percentage"), ApiSchema.opt("maxcpu", "number"),
                bytes("mem"), bytes("maxmem"), bytes("netin"), bytes("netout"), ApiSchema.opt("level", "string"),
                ApiSchema.opt("lock", "string"), ApiSchema.opt("uptime", "integer").renderer("duration"),
                ApiSchema.opt("hastate", "string"), bytes("disk"), bytes("maxdisk"), bytes("diskread"),
                bytes("diskwrite"), ApiSchema.opt("content", "string"), ApiSchema.opt("plugintype", "string"),
                ApiSchema.opt("vmid", "integer"), ApiSchema.opt("cgroup-mode", "integer"),
                ApiSchema.opt("tags", "string"), ApiSchema.opt("template", "boolean")));
        if (profile.memhost()) {
            props.addAll(List.of(bytes("memhost"), ApiSchema.opt("shared", "boolean"), ApiSchema.opt("sdn", "string"),
                    ApiSchema.opt("network", "string"), ApiSchema.opt("network-type", "string"),
                    ApiSchema.opt("zone-type", "string"), ApiSchema.opt("protocol", "string"),
                    ApiSchema.opt("host-arch", "string")));
        }
        return ApiSchema.list(props);
    }

    private static ApiSchema.Prop bytes(String name) {
        return ApiSchema.opt(name, "integer").renderer("bytes");
    }

    @Override
    public Object get(ApiRequest request) {
        request.allowOnly("type");
        String type = request.param("type").orElse(null);
        if (type != null && !List.of("vm", "storage", "node", "sdn").contains(type)) {
            throw ApiError.parameter("type", "value '" + type
                    + "' does not have a value in the enumeration 'vm, storage, node, sdn'");
        }
        return resources(request.invocation().model(), request.invocation().node().name(), type);
    }

    static List<JsonObject> resources(ClusterModel model, String type) {
        return resources(model, model.nodes().get(0).name(), type);
    }

    /** The resources as pmxcfs on {@code viewer} sees them (its corosync partition, its RRD copy). */
    static List<JsonObject> resources(ClusterModel model, String viewer, String type) {
        List<JsonObject> result = new ArrayList<>();
        VersionProfile profile = model.profile();
        java.util.Map<Integer, String> haStates = model.ha(ha -> {
            java.util.Map<Integer, String> states = new java.util.HashMap<>();
            ha.resources().values().forEach(r -> states.put(r.vmid(), ha.crmState(r)));
            return states;
        });
        java.util.Map<String, String> haNodes = model.ha(ha -> java.util.Map.copyOf(ha.nodeStates()));
        if (type == null || type.equals("vm")) {
            List<VmInfo> vms = new ArrayList<>(model.vms());
            // Perl sorts the vmid keys as strings
            vms.sort(Comparator.comparing(vm -> Integer.toString(vm.vmid())));
            for (VmInfo vm : vms) {
                result.add(vmEntry(model, viewer, vm, profile, haStates));
            }
        }
        if (type == null || type.equals("node")) {
            for (NodeInfo node : model.nodes()) {
                result.add(nodeEntry(model, viewer, node, profile, haNodes));
            }
        }
        if (type == null || type.equals("storage")) {
            // which storages exist is a cluster-wide question: ask it once, not per node
            List<StorageInfo> storages = StorageInfo.all(model);
            for (NodeInfo node : model.nodes()) {
                result.add(storageEntry(model, viewer, node));
                for (StorageInfo storage : storages) {
                    if (!storage.id().equals("local")) {
                        result.add(vmStorageEntry(model, viewer, node, storage));
                    }
                }
            }
        }
        return result;
    }

    private static JsonObject vmEntry(ClusterModel model, String viewer, VmInfo vm, VersionProfile profile,
                                      java.util.Map<Integer, String> haStates) {
        String node = model.nodeOf(vm.vmid());
        JsonObject e = new JsonObject()
                .put("id", "qemu/" + vm.vmid())
                .put("vmid", vm.vmid())
                .put("node", node)
                .put("type", "qemu");
        if (haStates.containsKey(vm.vmid())) {
            e.put("hastate", haStates.get(vm.vmid()));
        }
        if (!model.statsFresh(viewer, node)) {
            return e.put("status", "unknown");
        }
        VmStats s = model.vmStats(vm.vmid());
        e.put("uptime", s.uptime()).put("name", vm.name()).put("status", s.status())
                .put("template", model.config(vm.vmid()).map(c -> c.template() ? 1 : 0).orElse(0))
                .put("maxcpu", vm.cores()).put("cpu", s.cpu()).put("maxmem", vm.memoryBytes()).put("mem", s.mem())
                .put("maxdisk", vm.diskBytes()).put("disk", s.disk()).put("netin", s.netin())
                .put("netout", s.netout()).put("diskread", s.diskread()).put("diskwrite", s.diskwrite());
        if (profile.memhost()) {
            e.put("memhost", s.memhost());
        }
        model.config(vm.vmid()).ifPresent(c -> {
            c.lock().ifPresent(l -> e.put("lock", l));
            c.tags().ifPresent(t -> e.put("tags", t));
        });
        return e;
    }

    private static JsonObject nodeEntry(ClusterModel model, String viewer, NodeInfo node, VersionProfile profile,
                                        java.util.Map<String, String> haNodes) {
        JsonObject e = new JsonObject()
                .put("id", "node/" + node.name())
                .put("node", node.name())
                .put("type", "node");
        boolean online = model.online(viewer, node.name());
        if (model.statsFresh(viewer, node.name())) {
            if (online) {
                NodeStats s = model.nodeStats(node.name());
                e.put("uptime", s.uptime()).put("cpu", s.cpu()).put("mem", s.mem()).put("disk", s.disk());
            }
            e.put("level", "").put("maxcpu", node.cores()).put("maxmem", node.memoryBytes())
                    .put("maxdisk", node.diskBytes());
        }
        e.put("status", online ? "online" : "offline");
        e.put("cgroup-mode", 2);
        if (haNodes.containsKey(node.name())) {
            e.put("hastate", haNodes.get(node.name()));
        }
        if (profile.hostArch()) {
            e.put("host-arch", "x86_64");
        }
        return e;
    }

    /** {@code local-lvm} (LVM-thin pool {@code pve/data}) and shared VM storages, usage from the VMs' disks. */
    private static JsonObject vmStorageEntry(ClusterModel model, String viewer, NodeInfo node,
                                             StorageInfo storage) {
        JsonObject e = new JsonObject()
                .put("id", "storage/" + node.name() + "/" + storage.id())
                .put("storage", storage.id())
                .put("node", node.name())
                .put("type", "storage")
                .put("plugintype", storage.type())
                .put("shared", storage.shared() ? 1 : 0)
                .put("content", storage.content());
        if (model.statsFresh(viewer, node.name())) {
            e.put("maxdisk", storage.sizeBytes()).put("disk", storage.usedBytes(model, node.name()))
                    .put("status", "available");
        } else {
            e.put("status", "unknown");
        }
        return e;
    }

    private static JsonObject storageEntry(ClusterModel model, String viewer, NodeInfo node) {
        JsonObject e = new JsonObject()
                .put("id", "storage/" + node.name() + "/local")
                .put("storage", "local")
                .put("node", node.name())
                .put("type", "storage")
                .put("plugintype", "dir")
                .put("shared", 0)
                .put("content", "backup,iso,vztmpl");
        if (model.statsFresh(viewer, node.name())) {
            NodeStats s = model.nodeStats(node.name());
            e.put("maxdisk", node.diskBytes()).put("disk", s.disk()).put("status", "available");
        } else {
            e.put("status", "unknown");
        }
        return e;
    }
}
