package io.pvebench.pipeline;

/** Where a pipeline runs: the embedded cluster twin or a real cluster from an inventory file. */
public sealed interface ClusterRef permits TwinCluster, InventoryCluster {
}
