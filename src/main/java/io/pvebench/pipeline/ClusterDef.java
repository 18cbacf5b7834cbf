package io.pvebench.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A real cluster as its cluster file describes it: nodes and how to reach them.
 * Immutable; {@link ClusterLoader} builds only valid ones.
 *
 * @param source           the cluster file, as resolved from the pipeline or given to the loader
 * @param nodes            at least one, names and address:port pairs unique, in file order
 * @param allowDestructive opt-in for changes that can disturb the cluster (fault injection,
 *                         configuration variants that change its network); false unless
 *                         the file says true
 * @param timeScale        how much faster than the wall clock the cluster's time runs: 1 for a
 *                         real cluster, the twin's time scale for one started by {@code pvebench sim}
 * @param removeOrphans    opt-in ({@code cleanup: orphans}) for removing, at a run's start, the
 *                         VMs an earlier run made and left (a crash); false: they are only reported
 */
public record ClusterDef(Path source, String name, List<NodeDef> nodes, SshDef ssh, boolean allowDestructive,
                         double timeScale, boolean removeOrphans) {

    public ClusterDef {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(ssh, "ssh");
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be positive: " + timeScale);
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a cluster has at least one node");
        }
    }

    /** A cluster whose orphans are only reported. */
    public ClusterDef(Path source, String name, List<NodeDef> nodes, SshDef ssh, boolean allowDestructive,
                      double timeScale) {
        this(source, name, nodes, ssh, allowDestructive, timeScale, false);
    }
}
