package io.pvebench.sim.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The network devices of one simulated node as the kernel holds them: the NICs
 * {@code eno1..enoN} (an ixgbe-like 10 GbE NIC: MTU 68..9710), with two or more of them
 * the bond {@code bond0} over all, the bridge {@code vmbr0} whose port is the NIC or the
 * bond and which carries the node's address, and each running VM's devices on this node:
 * {@code tap<vmid>i0} and, for a NIC with {@code firewall=1} as qemu-server builds it, the
 * bridge {@code fwbr<vmid>i0} holding the tap and {@code fwln<vmid>i0}, whose veth peer
 * {@code fwpr<vmid>p0} is a port of {@code vmbr0}. A VM's devices get the bridge's MTU when
 * they are made (qemu-server's {@code tap_plug}), so a VM started or migrated later follows
 * the bridge, not the MTU its old devices had.
 *
 * <p>What the kernel enforces, and the twin with it (messages as iproute2 6.1 prints the
 * kernel's netlink errors, see {@code outputs/ip/}): an MTU within the device's
 * {@code min_mtu..max_mtu}; a bond's MTU set on every slave; a bridge takes any MTU, and
 * until one is set on it follows the smallest MTU of its ports; a bond's mode changes only
 * while the bond is down and has no slaves ({@code bond_options.c}: {@code
 * BOND_OPTFLAG_NOSLAVES | BOND_OPTFLAG_IFDOWN}); a device is enslaved to a bond only while
 * down, and leaving a bond takes it down. A reboot ({@link #boot}) brings back the
 * configuration the node boots with: runtime changes are lost, as on a real host.
 *
 * <p>Not thread-safe on its own: {@link ClusterModel} guards it.
 */
public final class HostNetwork {

    public static final String BOND = "bond0";
    public static final String BRIDGE = "vmbr0";
    /** ixgbe's largest MTU: 9728-byte jumbo frames less Ethernet header and FCS. */
    public static final int NIC_MAX_MTU = 9710;
    public static final int ETH_MAX_MTU = 65535;
    public static final int MIN_MTU = 68;

    /** One device as {@code ip link} shows it. */
    public record Link(int index, String name, String kind, String master, int mtu, int minMtu, int maxMtu, boolean up,
                       boolean carrier, String bondMode, String peer) {

        public boolean slave() {
            return master != null && master.equals(BOND);
        }
    }

    private static final class Dev {
        final int index;
        final String name;
        final String kind;
        final int maxMtu;
        final String peer;
        String master;
        int mtu;
        boolean up = true;
        boolean mtuSet;
        String bondMode;

        Dev(int index, String name, String kind, int maxMtu, String peer, int mtu) {
            this.index = index;
            this.name = name;
            this.kind = kind;
            this.maxMtu = maxMtu;
            this.peer = peer;
            this.mtu = mtu;
        }
    }

    private final int nics;
    private final String configuredBondMode;
    private final int configuredMtu;
    private final Map<String, Dev> devices = new LinkedHashMap<>();
    private int nextIndex;

    /**
     * @param nics     NICs under the bridge: 1 is {@code eno1} alone, 2..8 a bond of them
     * @param bondMode the bond's mode as the node boots ({@code none} without a bond)
     * @param mtu      the MTU every device boots with (the node's /etc/network/interfaces)
     */
    HostNetwork(int nics, String bondMode, int mtu) {
        this.nics = nics;
        this.configuredBondMode = bondMode;
        this.configuredMtu = mtu;
        boot();
    }

    /** After a (re)boot: the configured devices, all up, with the configured MTU and bond mode; no VM devices. */
    void boot() {
        devices.clear();
        nextIndex = 2; // 1 is lo
        for (int i = 1; i <= nics; i++) {
            add(new Dev(nextIndex++, "eno" + i, null, NIC_MAX_MTU, null, configuredMtu));
        }
        if (nics > 1) {
            Dev bond = add(new Dev(nextIndex++, BOND, "bond", ETH_MAX_MTU, null, configuredMtu));
            bond.bondMode = configuredBondMode;
            for (int i = 1; i <= nics; i++) {
                devices.get("eno" + i).master = BOND;
            }
        }
        add(new Dev(nextIndex++, BRIDGE, "bridge", ETH_MAX_MTU, null, configuredMtu)).mtuSet = configuredMtu != 1500;
        devices.get(nics > 1 ? BOND : "eno1").master = BRIDGE;
    }

    private Dev add(Dev dev) {
        devices.put(dev.name, dev);
        return dev;
    }

    /** The devices qemu-server makes when VM {@code vmid} starts here, with the bridge's MTU. */
    void plugVm(int vmid, boolean firewall) {
        int mtu = devices.get(BRIDGE).mtu;
        String tap = "tap" + vmid + "i0";
        if (!firewall) {
            add(new Dev(nextIndex++, tap, "tun", ETH_MAX_MTU, null, mtu)).master = BRIDGE;
            return;
        }
        String fwbr = "fwbr" + vmid + "i0";
        String fwln = "fwln" + vmid + "i0";
        String fwpr = "fwpr" + vmid + "p0";
        add(new Dev(nextIndex++, tap, "tun", ETH_MAX_MTU, null, mtu)).master = fwbr;
        add(new Dev(nextIndex++, fwbr, "bridge", ETH_MAX_MTU, null, mtu)).mtuSet = true;
        add(new Dev(nextIndex++, fwln, "veth", ETH_MAX_MTU, fwpr, mtu)).master = fwbr;
        add(new Dev(nextIndex++, fwpr, "veth", ETH_MAX_MTU, fwln, mtu)).master = BRIDGE;
    }

    /** The VM's devices go away (it stopped or left this node). */
    void unplugVm(int vmid) {
        devices.keySet().removeIf(name -> name.matches("(tap|fwbr|fwln)" + vmid + "i0|fwpr" + vmid + "p0"));
    }

    /** Every device in {@code ifindex} order, {@code lo} not included. */
    public List<Link> links() {
        List<Link> out = new ArrayList<>();
        for (Dev d : devices.values()) {
            out.add(view(d));
        }
        return out;
    }

    public Optional<Link> link(String name) {
        return Optional.ofNullable(devices.get(name)).map(this::view);
    }

    private Link view(Dev d) {
        return new Link(d.index, d.name, d.kind, d.master, d.mtu, MIN_MTU, d.maxMtu, d.up, carrier(d), d.bondMode,
                d.peer);
    }

    /** A device has carrier while it is up and, for a bridge or bond, one of its ports has. */
    private boolean carrier(Dev d) {
        if (!d.up) {
            return false;
        }
        if ("bridge".equals(d.kind) || "bond".equals(d.kind)) {
            return devices.values().stream().anyMatch(p -> d.name.equals(p.master) && carrier(p));
        }
        return true;
    }

    /** The uplink of the bridge: the bond, or the one NIC. */
    private Dev uplink() {
        return devices.get(nics > 1 ? BOND : "eno1");
    }

    /** True while the node's cluster network carries traffic: the bridge up and its uplink with carrier. */
    public boolean clusterLinkUp() {
        Dev bridge = devices.get(BRIDGE);
        Dev up = uplink();
        return bridge.up && up.up && BRIDGE.equals(up.master) && carrier(up);
    }

    /** The largest frame the uplink passes: the bond's and its slaves' smallest MTU, or the NIC's. */
    public int uplinkMtu() {
        Dev up = uplink();
        int mtu = up.mtu;
        for (Dev d : devices.values()) {
            if (up.name.equals(d.master)) {
                mtu = Math.min(mtu, d.mtu);
            }
        }
        return mtu;
    }

    /** The largest frame a VM's host-side devices pass (their smallest MTU); 0 when the VM has none here. */
    public int vmPathMtu(int vmid) {
        return devices.values().stream().filter(d -> d.name.matches("(tap|fwln)" + vmid + "i0|fwpr" + vmid + "p0"))
                .mapToInt(d -> d.mtu).min().orElse(0);
    }

    /** Links the bond can send on now (enslaved and up), 1 without a bond. */
    public int activeLinks() {
        if (nics == 1) {
            return 1;
        }
        return (int) Math.max(1, devices.values().stream().filter(d -> BOND.equals(d.master) && d.up).count());
    }

    /** The bond's mode now, {@code none} without a bond. */
    public String bondMode() {
        return nics == 1 ? "none" : devices.get(BOND).bondMode;
    }

    // ---- changes, as ip link set makes them; each returns null, or the error iproute2 prints and its exit code ----

    /** An error of {@code ip link set}: stderr and exit code. */
    public record Failure(String stderr, int exitCode) {
    }

    private static Failure netlink(String message) {
        return new Failure("Error: " + message + ".\n", 2);
    }

    public boolean exists(String name) {
        return devices.containsKey(name);
    }

    /** {@code ip link set DEV up|down}. */
    public Failure setUp(String name, boolean up) {
        devices.get(name).up = up;
        return null;
    }

    /** {@code ip link set DEV mtu N}. */
    public Failure setMtu(String name, int mtu) {
        Dev d = devices.get(name);
        Failure range = checkRange(d, mtu);
        if (range != null) {
            return range;
        }
        if ("bond".equals(d.kind)) {
            for (Dev s : devices.values()) {
                if (name.equals(s.master)) {
                    Failure slave = checkRange(s, mtu);
                    if (slave != null) {
                        return slave;
                    }
                }
            }
            for (Dev s : devices.values()) {
                if (name.equals(s.master)) {
                    s.mtu = mtu;
                }
            }
        }
        d.mtu = mtu;
        if ("bridge".equals(d.kind)) {
            d.mtuSet = true;
        }
        if (d.master != null) {
            follow(devices.get(d.master));
        }
        return null;
    }

    private static Failure checkRange(Dev d, int mtu) {
        if (mtu > d.maxMtu) {
            return netlink("mtu greater than device maximum");
        }
        if (mtu < MIN_MTU) {
            return netlink("mtu less than device minimum");
        }
        return null;
    }

    /** A bridge no one set an MTU on follows its smallest port (br_mtu_auto_adjust). */
    private void follow(Dev master) {
        if (master == null || !"bridge".equals(master.kind) || master.mtuSet) {
            return;
        }
        devices.values().stream().filter(p -> master.name.equals(p.master)).mapToInt(p -> p.mtu).min()
                .ifPresent(min -> master.mtu = min);
    }

    /** {@code ip link set DEV master M} ({@code master} a device) or {@code nomaster} ({@code master} null). */
    public Failure setMaster(String name, String master) {
        Dev d = devices.get(name);
        if (master == null) {
            if (BOND.equals(d.master)) {
                d.up = false; // leaving a bond closes the device (__bond_release_one)
            }
            d.master = null;
            return null;
        }
        Dev m = devices.get(master);
        if ("bond".equals(m.kind)) {
            if (d.up) {
                return netlink("Device can not be enslaved while up");
            }
            d.master = master;
            d.mtu = m.mtu; // bond_enslave gives the slave the bond's MTU
            d.up = true; // and opens it
            return null;
        }
        if ("bridge".equals(m.kind)) {
            d.master = master;
            follow(m);
            return null;
        }
        return new Failure("RTNETLINK answers: Operation not supported\n", 2);
    }

    /** {@code ip link set DEV type bond mode M}; {@code mode} is one of the kernel's names. */
    public Failure setBondMode(String name, String mode) {
        Dev d = devices.get(name);
        if (!"bond".equals(d.kind)) {
            return new Failure("RTNETLINK answers: Operation not supported\n", 2);
        }
        if (devices.values().stream().anyMatch(s -> name.equals(s.master))) {
            return netlink("unable to set option because the bond device has slaves");
        }
        if (d.up) {
            return netlink("unable to set option because the bond is up");
        }
        d.bondMode = mode;
        return null;
    }
}
