package io.pvebench.sim.command;

import io.pvebench.sim.model.HostNetwork;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * {@code /proc/net/bonding/<bond>} of a simulated node, as the kernel's bonding driver writes it
 * ({@code drivers/net/bonding/bond_procfs.c}, kernel 6.x; compare the real outputs under
 * {@code outputs/proc/bonding/}): the driver line with the running kernel, the mode in the driver's
 * words, the transmit hash policy for xor, 802.3ad and tlb (the kernel's default {@code layer2}: the
 * twin does not model another), the active slave for active-backup, MII monitoring at 100 ms as
 * Proxmox's network configuration writes it, for 802.3ad the LACP block (slow rate, one aggregator of
 * the slaves that are up, a switch as partner), then each slave with its MII status and the
 * hardware's link speed ({@code Unknown} while down).
 */
final class ProcBonding {

    /** LACP's port speed codes ({@code AD_LINK_SPEED_*} in {@code bond_3ad.c}), from 1 Mbit/s up, in Mbit/s. */
    private static final List<Integer> AD_SPEEDS = List.of(1, 10, 100, 1_000, 2_500, 5_000, 10_000, 14_000, 20_000,
            25_000, 40_000, 50_000, 56_000, 100_000, 200_000, 400_000, 800_000);

    private static final List<String> DRIVER_MODES = List.of("load balancing (round-robin)",
            "fault-tolerance (active-backup)", "load balancing (xor)", "fault-tolerance (broadcast)",
            "IEEE 802.3ad Dynamic link aggregation", "transmit load balancing", "adaptive load balancing");
    private static final List<String> MODES = List.of("balance-rr", "active-backup", "balance-xor", "broadcast",
            "802.3ad", "balance-tlb", "balance-alb");

    private ProcBonding() {
    }

    /** The file of bond {@code name} on the invocation's node; empty when the node has no such bond. */
    static Optional<String> show(Invocation inv, String name) {
        return inv.model().network(inv.node().name(), net -> net.link(name).filter(l -> "bond".equals(l.kind()))
                .map(bond -> text(inv, bond, net.links().stream().filter(l -> name.equals(l.master())).toList())));
    }

    private static String text(Invocation inv, HostNetwork.Link bond, List<HostNetwork.Link> slaves) {
        String mode = bond.bondMode();
        boolean lacp = mode.equals("802.3ad");
        long mbps = Math.round(inv.model().network().config().linkBitsPerSecond() / 1e6);
        String bondMac = IpCommand.mac(inv, bond);
        List<HostNetwork.Link> up = slaves.stream().filter(l -> l.up() && l.carrier()).toList();
        StringBuilder out = new StringBuilder();
        out.append("Ethernet Channel Bonding Driver: v").append(inv.model().profile().kernel()).append("\n\n");
        out.append("Bonding Mode: ").append(DRIVER_MODES.get(MODES.indexOf(mode))).append('\n');
        if (List.of("balance-xor", "802.3ad", "balance-tlb").contains(mode)) {
            out.append("Transmit Hash Policy: layer2 (0)\n");
        }
        if (mode.equals("active-backup")) {
            out.append("Primary Slave: None\nCurrently Active Slave: ")
                    .append(up.isEmpty() ? "None" : up.get(0).name()).append('\n');
        }
        out.append("MII Status: ").append(bond.carrier() ? "up" : "down").append('\n');
        out.append("MII Polling Interval (ms): 100\nUp Delay (ms): 0\nDown Delay (ms): 0\n"
                + "Peer Notification Delay (ms): 0\n");
        int key = (adSpeed(mbps) << 1) | 1;
        String switchMac = switchMac(inv);
        if (lacp) {
            out.append("\n802.3ad info\nLACP active: on\nLACP rate: slow\nMin links: 0\n"
                    + "Aggregator selection policy (ad_select): stable\nSystem priority: 65535\n");
            out.append("System MAC address: ").append(bondMac).append('\n');
            out.append("Active Aggregator Info:\n\tAggregator ID: 1\n\tNumber of ports: ").append(up.size())
                    .append("\n\tActor Key: ").append(key).append("\n\tPartner Key: 1\n\tPartner Mac Address: ")
                    .append(switchMac).append('\n');
        }
        for (int i = 0; i < slaves.size(); i++) {
            HostNetwork.Link slave = slaves.get(i);
            boolean linkUp = slave.up() && slave.carrier();
            out.append("\nSlave Interface: ").append(slave.name()).append('\n');
            out.append("MII Status: ").append(linkUp ? "up" : "down").append('\n');
            out.append("Speed: ").append(linkUp ? mbps + " Mbps" : "Unknown").append('\n');
            out.append("Duplex: ").append(linkUp ? "full" : "Unknown").append('\n');
            out.append("Link Failure Count: 0\nPermanent HW addr: ").append(permanent(bondMac, i)).append('\n');
            out.append("Slave queue ID: 0\n");
            if (lacp) {
                out.append("Aggregator ID: 1\nActor Churn State: none\nPartner Churn State: none\n"
                        + "Actor Churned Count: 0\nPartner Churned Count: 0\n");
                out.append("details actor lacp pdu:\n    system priority: 65535\n    system mac address: ")
                        .append(bondMac).append("\n    port key: ").append(key)
                        .append("\n    port priority: 255\n    port number: ").append(i + 1)
                        .append("\n    port state: 61\n");
                out.append("details partner lacp pdu:\n    system priority: 32768\n    system mac address: ")
                        .append(switchMac).append("\n    oper key: 1\n    port priority: 32768\n    port number: ")
                        .append(i + 1).append("\n    port state: 61\n");
            }
        }
        return out.toString();
    }

    private static int adSpeed(long mbps) {
        int code = 1;
        for (int i = 0; i < AD_SPEEDS.size(); i++) {
            if (AD_SPEEDS.get(i) <= mbps) {
                code = i + 1;
            }
        }
        return code;
    }

    /** A NIC's own address: the bond's (its first slave's), the last byte counting up. */
    private static String permanent(String bondMac, int index) {
        int last = Integer.parseInt(bondMac.substring(bondMac.length() - 2), 16);
        return bondMac.substring(0, bondMac.length() - 2) + String.format(Locale.ROOT, "%02x", (last + index) & 0xff);
    }

    private static String switchMac(Invocation inv) {
        Random r = inv.model().randoms().fixed("switch/mac");
        return String.format(Locale.ROOT, "b8:59:9f:%02x:%02x:%02x", r.nextInt(256), r.nextInt(256), r.nextInt(256));
    }
}
