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
 * @param bondLinks 10 Gbit/s links per node: 1 is one NIC under the bridge, 2..8 a bond
 *                  ({@code bond0}) of that many NICs
 * @param bondMode  the bond's mode; null without a bond, 802.3ad when a bond is asked for without one
 */
public record TwinCluster(int nodes, String pve, double timeScale, boolean qdevice, int bondLinks,
                          BondMode bondMode) implements ClusterRef {

    /** The twin a pipeline gets when it says nothing: two nodes, PVE 9.2, 20 times faster, no QDevice, no bond. */
    public static final TwinCluster DEFAULT = new TwinCluster(2, "9.2", 20, false);

    /** Version profiles the twin has. */
    public static final List<String> PVE_VERSIONS = List.of("9.2", "8.4");

    public TwinCluster {
        Objects.requireNonNull(pve, "pve");
        if (nodes < 1 || !(timeScale > 0)) {
            throw new IllegalArgumentException("nodes " + nodes + ", timeScale " + timeScale);
        }
        if (bondLinks < 1 || bondLinks > 8) {
            throw new IllegalArgumentException("bondLinks must be 1..8: " + bondLinks);
        }
        bondMode = bondLinks == 1 ? null : bondMode == null ? BondMode.IEEE_802_3AD : bondMode;
    }

    /** A twin without a QDevice or a bond. */
    public TwinCluster(int nodes, String pve, double timeScale) {
        this(nodes, pve, timeScale, false);
    }

    /** A twin without a bond. */
    public TwinCluster(int nodes, String pve, double timeScale, boolean qdevice) {
        this(nodes, pve, timeScale, qdevice, 1, null);
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

    /** The twin exists to be broken: it lives only as long as the run. */
    @Override
    public boolean allowsDestructive() {
        return true;
    }

    @Override
    public List<String> protectedNodes() {
        return List.of();
    }

    @Override
    public String describedWhere() {
        return "the embedded twin";
    }

    @Override
    public java.util.Optional<String> identity() {
        return java.util.Optional.empty();
    }
}
