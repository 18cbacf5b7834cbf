package io.pvebench.pipeline;

import java.util.List;
import java.util.Objects;

/** Run against a real cluster described by a cluster file. */
public record InventoryCluster(ClusterDef definition) implements ClusterRef {

    public InventoryCluster {
        Objects.requireNonNull(definition, "definition");
    }

    @Override
    public List<String> nodeNames() {
        return definition.nodes().stream().map(NodeDef::name).toList();
    }

    /** Only when the cluster file says {@code cleanup: orphans}: a real cluster is not pvebench's to clean unasked. */
    @Override
    public boolean removesOrphans() {
        return definition.removeOrphans();
    }

    @Override
    public boolean allowsDestructive() {
        return definition.allowDestructive();
    }

    @Override
    public List<String> protectedNodes() {
        return definition.nodes().stream().filter(NodeDef::guarded).map(NodeDef::name).toList();
    }

    @Override
    public String describedWhere() {
        return "cluster file '" + definition.source() + "'";
    }

    /**
     * The nodes' SSH addresses, sorted: the same for every copy of the cluster file, on every machine
     * that schedules runs on it, and for two files that name one cluster's nodes.
     */
    @Override
    public java.util.Optional<String> identity() {
        return java.util.Optional.of(definition.nodes().stream().map(n -> n.address() + ":" + n.port()).sorted()
                .collect(java.util.stream.Collectors.joining(",", "nodes ", "")));
    }
}
