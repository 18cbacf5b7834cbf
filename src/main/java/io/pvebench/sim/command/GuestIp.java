package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.VmInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ip [-j] [-d] [-br] link [show [dev] lo|eth0]} and {@code ip link set [dev] eth0 mtu
 * N} inside a Debian 12 guest (iproute2 6.1), over its loopback and its virtio NIC
 * {@code eth0} (MTU 68..65535: a NIC without {@code mtu=} in its net0 has no host MTU
 * limit). Formats as the node's {@link IpCommand}; errors as iproute2 prints them.
 * Setting the NIC down is not simulated (the guest would drop off its network).
 */
final class GuestIp {

    private static final String NIC = "eth0";

    GuestRun run(VmInfo vm, List<String> args, ClusterModel model) {
        IpLinkArgs line = IpLinkArgs.parse(args);
        if (line.error() != null) {
            return done(line.error());
        }
        if (line.set()) {
            return done(set(vm, line.words(), model));
        }
        List<String> sub = line.words();
        List<String> devices = List.of("lo", NIC);
        if (!sub.isEmpty()) {
            String dev = sub.get(0).equals("dev") && sub.size() > 1 ? sub.get(1) : sub.get(0);
            if (!devices.contains(dev)) {
                return done(Reply.error("Device \"" + dev + "\" does not exist.\n", 1));
            }
            devices = List.of(dev);
        }
        int mtu = model.guestMtu(vm.vmid());
        String mac = vm.mac().toLowerCase();
        if (line.json()) {
            List<String> objects = new ArrayList<>();
            for (String dev : devices) {
                objects.add(IpCommand.compact(dev.equals("lo") ? IpCommand.loJson(line.details())
                        : nic(mac, mtu, line.details())));
            }
            return done(Reply.ok("[" + String.join(",", objects) + "]\n"));
        }
        StringBuilder out = new StringBuilder();
        for (String dev : devices) {
            if (line.brief()) {
                out.append(dev.equals("lo") ? String.format("%-16s %-14s %s %s \n", "lo", "UNKNOWN",
                        "00:00:00:00:00:00", "<LOOPBACK,UP,LOWER_UP>")
                        : String.format("%-16s %-14s %s %s \n", NIC, "UP", mac, "<BROADCAST,MULTICAST,UP,LOWER_UP>"));
            } else if (dev.equals("lo")) {
                out.append("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group"
                        + " default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n");
            } else {
                out.append("2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu ").append(mtu)
                        .append(" qdisc fq_codel state UP mode DEFAULT group default qlen 1000\n    link/ether ")
                        .append(mac).append(" brd ff:ff:ff:ff:ff:ff\n");
            }
        }
        return done(Reply.ok(out.toString()));
    }

    private static Reply set(VmInfo vm, List<String> args, ClusterModel model) {
        List<String> a = !args.isEmpty() && args.get(0).equals("dev") ? args.subList(1, args.size()) : args;
        if (a.size() < 2) {
            return Reply.error("Command line is not complete. Try option \"help\"\n", 255);
        }
        String dev = a.get(0);
        if (!dev.equals("lo") && !dev.equals(NIC)) {
            return Reply.error("Cannot find device \"" + dev + "\"\n", 1);
        }
        if (a.size() != 3 || !a.get(1).equals("mtu")) {
            return Reply.error("twin: only 'ip link set dev eth0 mtu N' is simulated in a guest\n", 255);
        }
        if (!a.get(2).matches("[0-9]{1,9}")) {
            return Reply.error("Error: argument \"" + a.get(2) + "\" is wrong: Invalid \"mtu\" value\n\n", 255);
        }
        int mtu = Integer.parseInt(a.get(2));
        if (mtu > ClusterModel.GUEST_MAX_MTU) {
            return Reply.error("Error: mtu greater than device maximum.\n", 2);
        }
        if (mtu < 68) {
            return Reply.error("Error: mtu less than device minimum.\n", 2);
        }
        if (dev.equals(NIC)) {
            model.setGuestMtu(vm.vmid(), mtu);
        }
        return Reply.ok("");
    }

    private static Map<String, Object> nic(String mac, int mtu, boolean details) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("ifindex", 2);
        o.put("ifname", NIC);
        o.put("flags", List.of("BROADCAST", "MULTICAST", "UP", "LOWER_UP"));
        o.put("mtu", mtu);
        o.put("qdisc", "fq_codel");
        o.put("operstate", "UP");
        o.put("linkmode", "DEFAULT");
        o.put("group", "default");
        o.put("txqlen", 1000);
        o.put("link_type", "ether");
        o.put("address", mac);
        o.put("broadcast", "ff:ff:ff:ff:ff:ff");
        if (details) {
            o.put("min_mtu", 68);
            o.put("max_mtu", ClusterModel.GUEST_MAX_MTU);
        }
        return o;
    }

    private static GuestRun done(Reply reply) {
        return GuestRun.done(reply, Duration.ZERO);
    }
}
