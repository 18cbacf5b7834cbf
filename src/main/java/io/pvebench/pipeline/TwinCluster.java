package io.pvebench.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * Run against the embedded cluster twin ({@code cluster: twin}, the default).
 *
 * @param nodes     simulated nodes, 1..32
 * @param pve       version profile, {@code "9.2"} or {@code "8.4"}
 * @param timeScale how many times faster than the wall clock twin time runs, greater than 0
 */
public record TwinCluster(int nodes, String pve, double timeScale) implements ClusterRef {

    /** The twin a pipeline gets when it says nothing: two nodes, PVE 9.2, 20 times faster. */
    public static final TwinCluster DEFAULT = new TwinCluster(2, "9.2", 20);

    /** Version profiles the twin has. */
    public static final List<String> PVE_VERSIONS = List.of("9.2", "8.4");

    public TwinCluster {
        Objects.requireNonNull(pve, "pve");
        if (nodes < 1 || !(timeScale > 0)) {
            throw new IllegalArgumentException("nodes " + nodes + ", timeScale " + timeScale);
        }
    }
}
