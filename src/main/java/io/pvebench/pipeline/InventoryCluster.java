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

    @Override
    public java.util.Optional<String> identity() {
        return java.util.Optional.of(definition.source().toAbsolutePath().normalize().toString());
    }
}
