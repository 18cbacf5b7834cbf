package io.pvebench.sim;

import java.util.List;

/**
 * The nodes' hardware the twin models, the same on every node: NIC link speed in Gbit/s
 * (10 by default), MTU (1500; 9000 for jumbo frames), bonded links per node (1 = no
 * bond) with the bond mode ({@code none}, {@code active-backup}, {@code balance-rr},
 * {@code 802.3ad}), and the storage the guests' disks live on ({@code local-lvm}, an
 * NVMe SSD on each node, or {@code shared}, a replicated network store).
 */
public record SimHardware(double linkGbit, int mtu, int bondLinks, String bondMode, String storage) {

    /** {@code none}, then the Linux bonding modes in the kernel's order. */
    public static final List<String> MODES = List.of("none", "balance-rr", "active-backup", "balance-xor",
            "broadcast", "802.3ad", "balance-tlb", "balance-alb");

    public static final SimHardware DEFAULT = new SimHardware(10, 1500, 1, "none", "local-lvm");

    public SimHardware {
        if (!(linkGbit > 0) || linkGbit > 400) {
            throw new IllegalArgumentException("linkGbit must be in (0, 400]: " + linkGbit);
        }
        if (mtu < 576 || mtu > 9216) {
            throw new IllegalArgumentException("mtu must be 576..9216: " + mtu);
        }
        if (bondLinks < 1 || bondLinks > 8) {
            throw new IllegalArgumentException("bondLinks must be 1..8: " + bondLinks);
        }
        bondMode = bondMode == null ? (bondLinks > 1 ? "802.3ad" : "none") : bondMode;
        if (!MODES.contains(bondMode) || bondLinks == 1 != bondMode.equals("none")) {
            throw new IllegalArgumentException("bondMode must be none without a bond, else one of "
                    + MODES.subList(1, MODES.size()) + ": " + bondMode + " with " + bondLinks + " links");
        }
        storage = storage == null ? "local-lvm" : storage;
        if (!List.of("local-lvm", "shared").contains(storage)) {
            throw new IllegalArgumentException("storage must be local-lvm or shared: " + storage);
        }
    }

    public SimHardware withMtu(int newMtu) {
        return new SimHardware(linkGbit, newMtu, bondLinks, bondMode, storage);
    }

    public SimHardware withBond(int links, String mode) {
        return new SimHardware(linkGbit, mtu, links, mode, storage);
    }

    public SimHardware withStorage(String kind) {
        return new SimHardware(linkGbit, mtu, bondLinks, bondMode, kind);
    }
}
