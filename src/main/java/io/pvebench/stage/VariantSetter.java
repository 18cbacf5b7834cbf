package io.pvebench.stage;

import io.pvebench.guest.GuestLinks;
import io.pvebench.guest.GuestNic;
import io.pvebench.guest.GuestResult;
import io.pvebench.guest.GuestVm;
import io.pvebench.measure.IpLink;
import io.pvebench.measure.IpLinkJson;
import io.pvebench.pipeline.BondMode;
import io.pvebench.pipeline.Variant;
import io.pvebench.proxmox.BridgePath;
import io.pvebench.proxmox.ClusterPort;
import io.pvebench.proxmox.VmNic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brings a variant's settings about for one VM pair: on every node the bridge the pair's
 * NICs are on, with its uplink (bond or NIC) and the pair's host-side devices, and inside
 * both guests. Only what differs from the target is changed, each change written into the
 * run's {@link VariantLedger} with the value read before, before it is made; then
 * everything is read back, and a setting that did not take fails the case with the reason.
 * The bond mode changes before the MTU (re-enslaved slaves take the bond's MTU); MTUs grow
 * from the uplink inwards and the guests last, so restoring (newest first) shrinks them from
 * the guests outwards.
 */
final class VariantSetter {

    private final RunContext run;
    private final ClusterPort cluster;
    private final GuestLinks guests;
    private final VariantLedger ledger;
    private final String scope;
    private final List<String> made = new ArrayList<>();

    VariantSetter(RunContext run, VariantLedger ledger, String scope) {
        this.run = run;
        this.cluster = run.cluster();
        this.guests = new GuestLinks(run.guests());
        this.ledger = ledger;
        this.scope = scope;
    }

    /** What this setter changed, in order. */
    List<String> made() {
        return List.copyOf(made);
    }

    /** Applies what is missing of {@code variant} for {@code pair} and reads it all back; returns what it checked. */
    List<String> apply(Variant variant, VmPair pair) {
        Map<GuestVm, GuestNic> guestNics = new java.util.LinkedHashMap<>();
        for (GuestVm vm : List.of(pair.server(), pair.client())) {
            guestNics.put(vm, run.guests().nic(vm));
        }
        List<VmNic> vmNics = new ArrayList<>();
        guestNics.forEach((vm, nic) -> vmNics.add(vmNic(vm, nic)));
        String bridge = vmNics.get(0).bridge();
        if (bridge == null || !bridge.equals(vmNics.get(1).bridge())) {
            throw new VariantNotAppliedException("the pair's NICs are not on one bridge: " + vmNics);
        }
        if (variant.bondMode() != null) {
            paths(bridge, vmNics, pair).values().forEach(p -> bondMode(p, variant.bondMode()));
        }
        if (variant.mtu() != null) {
            int mtu = variant.mtu();
            Map<String, BridgePath> paths = paths(bridge, vmNics, pair);
            paths.values().forEach(p -> checkFits(p, mtu));
            paths.values().forEach(p -> mtu(p, mtu));
            guestNics.forEach((vm, nic) -> guestMtu(vm, nic, mtu));
        }
        return verify(variant, bridge, vmNics, pair, guestNics);
    }

    private VmNic vmNic(GuestVm vm, GuestNic nic) {
        List<VmNic> nics = cluster.vmNics(vm.node(), vm.vmid());
        return nics.stream().filter(n -> nic.mac().equalsIgnoreCase(n.mac())).findFirst()
                .or(() -> nics.size() == 1 ? nics.stream().findFirst() : java.util.Optional.empty())
                .orElseThrow(() -> new VariantNotAppliedException("cannot tell which NIC of " + vm + " carries "
                        + nic.address() + " (" + nic.name() + ", " + nic.mac() + "): its config lists " + nics));
    }

    /** Every node's path of {@code bridge}, with the pair's devices on the node that runs each VM. */
    private Map<String, BridgePath> paths(String bridge, List<VmNic> vmNics, VmPair pair) {
        Map<String, BridgePath> paths = new TreeMap<>();
        for (String node : cluster.nodes()) {
            List<VmNic> here = new ArrayList<>();
            if (pair.server().node().equals(node)) {
                here.add(vmNics.get(0));
            }
            if (pair.client().node().equals(node)) {
                here.add(vmNics.get(1));
            }
            paths.put(node, BridgePath.of(node, bridge, cluster.links(node), here));
        }
        return paths;
    }

    private void bondMode(BridgePath path, BondMode mode) {
        String node = path.node();
        IpLink bond = path.bond().orElseThrow(() -> new VariantNotAppliedException("node " + node + ": "
                + path.bridge().name() + "'s uplink " + path.uplinks().stream().map(IpLink::name).toList()
                + " is no bond, so there is no bond mode to set"));
        BondMode before = BondMode.byWritten(String.valueOf(bond.bondMode())).orElseThrow(() ->
                new VariantNotAppliedException("node " + node + ": bond " + bond.name() + " reports mode "
                        + bond.bondMode() + ", which pvebench cannot put back"));
        if (before == mode) {
            return;
        }
        List<String> slaves = cluster.links(node).stream().filter(l -> bond.name().equals(l.master()))
                .map(IpLink::name).toList();
        String what = node + " " + bond.name() + " bondMode ";
        record(what + before + " -> " + mode, what + mode + " -> " + before,
                () -> cluster.setBondMode(node, bond.name(), slaves, before));
        cluster.setBondMode(node, bond.name(), slaves, mode);
    }

    private static void checkFits(BridgePath path, int mtu) {
        for (IpLink device : path.mtuDevices()) {
            if (device.maxMtu() > 0 && device.maxMtu() < mtu) {
                throw new VariantNotAppliedException("node " + path.node() + ": " + device.name() + " takes an MTU of"
                        + " at most " + device.maxMtu() + ", not " + mtu + "; nothing was changed");
            }
        }
    }

    private void mtu(BridgePath path, int mtu) {
        String node = path.node();
        List<IpLink> links = cluster.links(node);
        for (IpLink device : path.mtuDevices()) {
            if (device.isBond()) {
                // the bond's MTU is set on its slaves; one that differed from it gets its own back afterwards
                for (IpLink slave : links) {
                    if (device.name().equals(slave.master()) && slave.mtu() != device.mtu()) {
                        String what = node + " " + slave.name() + " mtu ";
                        record(what + slave.mtu() + " -> " + mtu + " (through " + device.name() + ")",
                                what + "back to " + slave.mtu(), () -> cluster.setMtu(node, slave.name(), slave.mtu()));
                    }
                }
            }
            if (device.mtu() == mtu) {
                continue;
            }
            int before = device.mtu();
            String what = node + " " + device.name() + " mtu ";
            record(what + before + " -> " + mtu, what + mtu + " -> " + before,
                    () -> cluster.setMtu(node, device.name(), before));
            cluster.setMtu(node, device.name(), mtu);
        }
    }

    private void guestMtu(GuestVm vm, GuestNic nic, int mtu) {
        int before = guestMtu(vm, nic);
        if (before == mtu) {
            return;
        }
        String what = vm + " " + nic.name() + " mtu ";
        record(what + before + " -> " + mtu, what + mtu + " -> " + before, () -> setGuestMtu(vm, nic, before));
        setGuestMtu(vm, nic, mtu);
    }

    private int guestMtu(GuestVm vm, GuestNic nic) {
        GuestResult shown = guests.show(vm, nic.name());
        if (!shown.succeeded()) {
            throw new VariantNotAppliedException("cannot read " + nic.name() + " in " + vm + " (exit "
                    + shown.exitCode() + "): " + shown.stderr().strip());
        }
        return IpLinkJson.parse(shown.stdout()).get(0).mtu();
    }

    private void setGuestMtu(GuestVm vm, GuestNic nic, int mtu) {
        GuestResult set = guests.setMtu(vm, nic.name(), mtu);
        if (!set.succeeded()) {
            throw new VariantNotAppliedException("cannot set the MTU of " + nic.name() + " in " + vm + " to " + mtu
                    + " (exit " + set.exitCode() + "): " + set.stderr().strip());
        }
    }

    private void record(String what, String restoreWhat, Runnable restore) {
        ledger.record(scope, what, restoreWhat, restore);
        made.add(what);
    }

    /** Reads every setting back; returns what was checked, or fails naming what did not take. */
    private List<String> verify(Variant variant, String bridge, List<VmNic> vmNics, VmPair pair,
                                Map<GuestVm, GuestNic> guestNics) {
        List<String> checked = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (BridgePath path : paths(bridge, vmNics, pair).values()) {
            if (variant.bondMode() != null) {
                path.bond().ifPresent(b -> {
                    checked.add(path.node() + " " + b.name());
                    if (!variant.bondMode().written().equals(b.bondMode()) || !b.up()) {
                        wrong.add(path.node() + " " + b.name() + " is " + b.bondMode() + (b.up() ? "" : ", down"));
                    }
                });
            }
            if (variant.mtu() != null) {
                for (IpLink device : path.mtuDevices()) {
                    checked.add(path.node() + " " + device.name());
                    if (device.mtu() != variant.mtu()) {
                        wrong.add(path.node() + " " + device.name() + " has mtu " + device.mtu());
                    }
                }
            }
        }
        if (variant.mtu() != null) {
            guestNics.forEach((vm, nic) -> {
                int mtu = guestMtu(vm, nic);
                checked.add(vm + " " + nic.name());
                if (mtu != variant.mtu()) {
                    wrong.add(vm + " " + nic.name() + " has mtu " + mtu);
                }
            });
        }
        if (!wrong.isEmpty()) {
            throw new VariantNotAppliedException("variant '" + variant.name() + "' (" + variant.settings()
                    + ") did not take: " + String.join(", ", wrong));
        }
        return checked;
    }
}
