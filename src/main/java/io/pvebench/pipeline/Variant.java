package io.pvebench.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A configuration variant: one value of the matrix's variant dimension, the cluster as
 * found with a few network settings changed for the cases that name it. A setting left
 * null is left as found; a variant without settings runs on the cluster as found (a
 * control beside the changed ones).
 *
 * @param name     {@code [a-z0-9][a-z0-9-]*}, unique in its pipeline; part of case ids
 * @param mtu      the MTU, {@value #MIN_MTU}..{@value #MAX_MTU} bytes, of the network the VM
 *                 pair's traffic crosses (the bridge, its uplink, the pair's host-side
 *                 devices and both guests' NIC), or null
 * @param bondMode the mode of the bond under that bridge on every node, or null
 * @param balance  the balancer's settings for the cases that name it (a point of a threshold
 *                 sweep), or null
 */
public record Variant(String name, Integer mtu, BondMode bondMode, BalanceVariant balance) {

    /** The smallest MTU a variant may set: the datagram every IPv4 host must accept. */
    public static final int MIN_MTU = 576;
    /** The largest MTU a variant may set: the usual maximum frame of switches with jumbo frames. */
    public static final int MAX_MTU = 9216;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public Variant {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a variant name must match " + NAME + ": " + name);
        }
        if (mtu != null && (mtu < MIN_MTU || mtu > MAX_MTU)) {
            throw new IllegalArgumentException("mtu must be " + MIN_MTU + ".." + MAX_MTU + ": " + mtu);
        }
    }

    /** A variant of the network only. */
    public Variant(String name, Integer mtu, BondMode bondMode) {
        this(name, mtu, bondMode, null);
    }

    /** True for a variant that changes nothing on the cluster's network: the network as found. */
    public boolean changesNothing() {
        return mtu == null && bondMode == null;
    }

    /** {@code mtu 9000, bondMode 802.3ad}, or {@code as found} for a variant without settings. */
    public String settings() {
        List<String> parts = new ArrayList<>();
        if (mtu != null) {
            parts.add("mtu " + mtu);
        }
        if (bondMode != null) {
            parts.add("bondMode " + bondMode.written());
        }
        if (balance != null) {
            parts.add(balance.describe());
        }
        return parts.isEmpty() ? "as found" : String.join(", ", parts);
    }
}
