package io.pvebench.pipeline;

import java.util.List;

/** Where a pipeline runs: the embedded cluster twin or a real cluster from an inventory file. */
public sealed interface ClusterRef permits TwinCluster, InventoryCluster {

    /** The cluster's node names, in the order the cluster (file) gives them. */
    List<String> nodeNames();

    /**
     * Whether a run may remove VMs an earlier run left behind (tagged {@code pvebench} but
     * not with this run's tag); otherwise it only reports them.
     */
    boolean removesOrphans();

    /** Whether pvebench may make nodes fail on purpose (fault injection); the twin always may. */
    boolean allowsDestructive();

    /** The nodes that must never be made to fail ({@code protected: true} in the cluster file). */
    List<String> protectedNodes();

    /** Where that is said, for messages: the cluster file, or the twin. */
    String describedWhere();

    /**
     * What identifies the cluster for "one run at a time": its nodes, whichever file names them and
     * wherever that file lies; empty for the embedded twin, which every run starts anew.
     */
    java.util.Optional<String> identity();
}
