package io.pvebench.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * Run against the embedded cluster twin ({@code cluster: twin}, the default).
 *
 * @param nodes     simulated nodes, 1..32
 * @param pve       version profile, {@code "9.2"} or {@code "8.4"}
 * @param timeScale how many times faster than the wall clock twin time runs, greater than 0
 * @param qdevice   whether the cluster has a QDevice (an external vote: a two-node
 *                  cluster keeps quorum when one node fails)
 */
public record TwinCluster(int nodes, String pve, double timeScale, boolean qdevice) implements ClusterRef {

    /** The twin a pipeline gets when it says nothing: two nodes, PVE 9.2, 20 times faster, no QDevice. */
    public static final TwinCluster DEFAULT = new TwinCluster(2, "9.2", 20, false);

    /** Version profiles the twin has. */
    public static final List<String> PVE_VERSIONS = List.of("9.2", "8.4");

    public TwinCluster {
        Objects.requireNonNull(pve, "pve");
        if (nodes < 1 || !(timeScale > 0)) {
            throw new IllegalArgumentException("nodes " + nodes + ", timeScale " + timeScale);
        }
    }

    /** A twin without a QDevice. */
    public TwinCluster(int nodes, String pve, double timeScale) {
        this(nodes, pve, timeScale, false);
    }

    /** {@code pve1} to {@code pveN}. */
    @Override
    public List<String> nodeNames() {
        return java.util.stream.IntStream.rangeClosed(1, nodes).mapToObj(i -> "pve" + i).toList();
    }

    /** The twin lives only as long as the run: whatever it holds may go. */
    @Override
    public boolean removesOrphans() {
        return true;
    }
}
