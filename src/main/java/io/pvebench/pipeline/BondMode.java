package io.pvebench.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A Linux bonding mode, as Proxmox VE offers them for a Linux bond and as the kernel names
 * them ({@code drivers/net/bonding/bond_options.c}, {@code bond_mode_tbl}; mode numbers 0..6
 * in this order). Written in files as the kernel writes it ({@code 802.3ad}).
 */
public enum BondMode {
    /** 0: packets round-robin over the links; one TCP stream can use all of them (with reordering). */
    BALANCE_RR("balance-rr"),
    /** 1: one link carries everything, the others wait for it to fail. */
    ACTIVE_BACKUP("active-backup"),
    /** 2: a hash of the addresses (layer 2 by default) picks the link per flow. */
    BALANCE_XOR("balance-xor"),
    /** 3: every packet goes out on every link. */
    BROADCAST("broadcast"),
    /** 4: LACP; the hash policy picks the link per flow; needs LACP on the switch ports. */
    IEEE_802_3AD("802.3ad"),
    /** 5: adaptive transmit load balancing; receives on one link. */
    BALANCE_TLB("balance-tlb"),
    /** 6: balance-tlb plus receive balancing through ARP. */
    BALANCE_ALB("balance-alb");

    private final String written;

    BondMode(String written) {
        this.written = written;
    }

    /** The kernel's name, as {@code ip -d link} prints it and as files write it. */
    public String written() {
        return written;
    }

    public static Optional<BondMode> byWritten(String text) {
        return Arrays.stream(values()).filter(m -> m.written.equals(text)).findFirst();
    }

    /** Every mode's name, in the kernel's order. */
    public static List<String> allWritten() {
        return Arrays.stream(values()).map(BondMode::written).toList();
    }

    @Override
    public String toString() {
        return written;
    }
}
