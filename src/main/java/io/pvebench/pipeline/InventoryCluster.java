package io.pvebench.pipeline;

import java.util.Objects;

/** Run against a real cluster described by a cluster file. */
public record InventoryCluster(ClusterDef definition) implements ClusterRef {

    public InventoryCluster {
        Objects.requireNonNull(definition, "definition");
    }
}
