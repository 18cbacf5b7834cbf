package io.pvebench.proxmox;

import io.pvebench.measure.IpLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The devices of one node that a bridge's guest traffic crosses, found in {@code ip -j -d
 * link}: the bridge, its uplink (its ports that belong to no guest: the NIC or the bond,
 * whose slaves follow the bond's MTU) and the host-side devices of the given VMs on this node
 * ({@link VmNic#hostDevices}). A Linux bridge forwards a frame only if the port it leaves by
 * takes it, so jumbo frames need every one of them, not just the bridge. Pure: built from
 * what was read, no I/O.
 *
 * @param uplinks    the bridge's ports that belong to no guest, in listing order (empty for a
 *                   bridge without one)
 * @param vmDevices  the VMs' host-side devices that exist on this node
 */
public record BridgePath(String node, IpLink bridge, List<IpLink> uplinks, List<IpLink> vmDevices) {

    public BridgePath {
        uplinks = List.copyOf(uplinks);
        vmDevices = List.copyOf(vmDevices);
    }

    /**
     * The path of {@code bridge} on {@code node}.
     *
     * @param links {@code ip -j -d link} of the node (details are needed for the kinds)
     * @param nics  the NICs of the VMs of interest that run on this node and are plugged into {@code bridge}
     * @throws ProxmoxException when the node has no such bridge, or a port is a VLAN device,
     *                          whose MTU pvebench does not change (its lower device's limits apply)
     */
    public static BridgePath of(String node, String bridge, List<IpLink> links, List<VmNic> nics) {
        IpLink br = links.stream().filter(l -> l.name().equals(bridge)).findFirst()
                .filter(IpLink::isBridge)
                .orElseThrow(() -> new ProxmoxException("node " + node + " has no bridge " + bridge));
        List<IpLink> uplinks = new ArrayList<>();
        for (IpLink port : links) {
            if (!bridge.equals(port.master()) || isGuestDevice(port.name())) {
                continue;
            }
            if ("vlan".equals(port.kind())) {
                throw new ProxmoxException("node " + node + ": " + bridge + "'s port " + port.name()
                        + " is a VLAN device; pvebench changes the MTU of NICs and bonds only");
            }
            uplinks.add(port);
        }
        List<IpLink> vm = new ArrayList<>();
        for (VmNic nic : nics) {
            for (String name : nic.hostDevices()) {
                links.stream().filter(l -> l.name().equals(name)).findFirst().ifPresent(vm::add);
            }
        }
        return new BridgePath(node, br, uplinks, vm);
    }

    private static boolean isGuestDevice(String name) {
        // qemu-server's taps and firewall devices, and containers' veth<vmid>i<N>
        return name.matches("(tap|fwln|fwbr|veth)[0-9]+i[0-9]+|fwpr[0-9]+p[0-9]+");
    }

    /** The bond under the bridge, if its uplink is one. */
    public Optional<IpLink> bond() {
        return uplinks.stream().filter(IpLink::isBond).findFirst();
    }

    /**
     * The devices to give a new MTU, in the order that keeps frames from outrunning the
     * devices behind them when it grows: the uplink first, then the bridge (the node's own
     * address is on it), then the VMs' devices. Restoring goes the opposite way.
     */
    public List<IpLink> mtuDevices() {
        List<IpLink> out = new ArrayList<>(uplinks);
        out.add(bridge);
        out.addAll(vmDevices);
        return out;
    }
}
