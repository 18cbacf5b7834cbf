package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.NodeInfo;
import io.pvebench.sim.model.QuorumView;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /cluster/status}: the cluster entry, then one entry per configured node
 * (pve-manager {@code API2/ClusterConfig.pm}), as pmxcfs on the local node sees them: a
 * node is online when it is in the local node's corosync partition.
 */
final class ClusterStatusApi implements ApiHandler {

    /** The item properties of {@code Cluster.pm} {@code get_status} (the same on master and {@code stable-8}). */
    private static final ApiSchema SCHEMA = ApiSchema.list(List.of(ApiSchema.req("type", "string"),
            ApiSchema.req("id", "string"), ApiSchema.req("name", "string"), ApiSchema.opt("nodes", "integer"),
            ApiSchema.opt("version", "integer"), ApiSchema.opt("quorate", "boolean"),
            ApiSchema.opt("nodeid", "integer"), ApiSchema.opt("ip", "string"), ApiSchema.opt("local", "boolean"),
            ApiSchema.opt("online", "boolean"), ApiSchema.opt("level", "string")));

    @Override
    public ApiSchema returns(ApiRequest request) {
        return SCHEMA;
    }

    @Override
    public Object get(ApiRequest request) {
        request.allowOnly();
        return status(request.invocation().model(), request.invocation().node());
    }

    static List<JsonObject> status(ClusterModel model, NodeInfo local) {
        QuorumView q = model.quorum(local.name());
        boolean quorate = model.quorate(local.name());
        List<JsonObject> result = new ArrayList<>();
        result.add(new JsonObject().put("type", "cluster").put("id", "cluster").put("nodes", model.nodes().size())
                .put("version", q.configVersion()).put("name", model.clusterName()).put("quorate", quorate ? 1 : 0));
        for (NodeInfo node : model.nodes()) {
            result.add(new JsonObject().put("type", "node").put("id", "node/" + node.name()).put("name", node.name())
                    .put("nodeid", node.nodeId()).put("local", node.nodeId() == local.nodeId() ? 1 : 0)
                    .put("online", model.online(local.name(), node.name()) ? 1 : 0).put("ip", node.ip())
                    .put("level", ""));
        }
        return result;
    }
}
