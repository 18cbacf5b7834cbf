package io.pvebench.sim.command;

import io.pvebench.sim.model.HostNetwork;
import io.pvebench.sim.model.HostNetwork.Link;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code ip [-j] [-d] [-br] link [show [dev] DEV | show master DEV]} and {@code ip link set
 * [dev] DEV up|down|mtu N|master DEV|nomaster|type bond mode MODE} (iproute2 6.1) over the
 * node's devices ({@link HostNetwork}: {@code lo}, the NICs, the bond, {@code vmbr0}, the
 * VMs' tap and firewall devices). Formats follow the captures in {@code outputs/ip/}: text
 * lines {@code N: NAME[@PEER]: <FLAGS> mtu M qdisc Q [master X ]state S mode DEFAULT group
 * default qlen 1000}; brief lines {@code %-16s %-14s %s <FLAGS> }; JSON one compact array,
 * keys in iproute2's order, with {@code -d} the MTU range and {@code linkinfo} (a bond's
 * {@code info_data.mode}). Errors as iproute2 prints them: {@code Device "x" does not
 * exist.} (show) and {@code Cannot find device "x"} (set), exit 1; a bad value {@code
 * Error: argument "x" is wrong: ...}, exit 255; what the kernel refuses {@code Error:
 * ...}, exit 2 (see {@link HostNetwork}). Changes within one command apply in order, up
 * and down last, as the kernel takes one netlink message.
 */
final class IpCommand implements Program {

    private static final String LO = "lo";

    @Override
    public Reply run(Invocation inv) {
        IpLinkArgs line = IpLinkArgs.parse(inv.args());
        if (line.error() != null) {
            return line.error();
        }
        if (line.set()) {
            return set(inv, line.words());
        }
        return show(inv, line.words(), line.json(), line.details(), line.brief());
    }

    private Reply show(Invocation inv, List<String> sub, boolean json, boolean details, boolean brief) {
        List<Link> all = inv.model().network(inv.node().name(), HostNetwork::links);
        List<Link> shown = new ArrayList<>();
        shown.add(null); // lo
        shown.addAll(all);
        if (sub.size() == 2 && sub.get(0).equals("master")) {
            String master = sub.get(1);
            if (all.stream().noneMatch(l -> l.name().equals(master))) {
                return Reply.error("Device \"" + master + "\" does not exist.\n", 1);
            }
            shown = all.stream().filter(l -> master.equals(l.master())).map(l -> (Link) l).toList();
        } else if (!sub.isEmpty()) {
            String dev = sub.get(0).equals("dev") && sub.size() > 1 ? sub.get(1) : sub.get(0);
            if (dev.equals(LO)) {
                shown = java.util.Collections.singletonList(null);
            } else {
                shown = all.stream().filter(l -> l.name().equals(dev)).map(l -> (Link) l).toList();
                if (shown.isEmpty()) {
                    return Reply.error("Device \"" + dev + "\" does not exist.\n", 1);
                }
            }
        }
        if (json) {
            List<String> objects = new ArrayList<>();
            for (Link l : shown) {
                objects.add(compact(l == null ? loJson(details) : json(inv, l, details)));
            }
            return Reply.ok("[" + String.join(",", objects) + "]\n");
        }
        StringBuilder out = new StringBuilder();
        for (Link l : shown) {
            out.append(brief ? brief(inv, l) : text(inv, l, details));
        }
        return Reply.ok(out.toString());
    }

    /** One change of {@code ip link set}, applied after every word has been read. */
    private record Change(String what, String value) {
    }

    private Reply set(Invocation inv, List<String> args) {
        List<String> a = !args.isEmpty() && args.get(0).equals("dev") ? args.subList(1, args.size()) : args;
        if (a.size() < 2) {
            return Reply.error("Command line is not complete. Try option \"help\"\n", 255);
        }
        String dev = a.get(0);
        List<Change> changes = new ArrayList<>();
        List<Change> flags = new ArrayList<>();
        for (int k = 1; k < a.size(); k++) {
            String word = a.get(k);
            switch (word) {
                case "up", "down" -> flags.add(new Change(word, null));
                case "nomaster" -> changes.add(new Change("master", null));
                case "mtu", "master" -> {
                    if (k + 1 >= a.size()) {
                        return Reply.error("Command line is not complete. Try option \"help\"\n", 255);
                    }
                    String value = a.get(++k);
                    if (word.equals("mtu") && !value.matches("[0-9]{1,9}")) {
                        return invalid(value, "Invalid \"mtu\" value\n");
                    }
                    changes.add(new Change(word, value));
                }
                case "type" -> {
                    if (k + 3 >= a.size() || !a.get(k + 1).equals("bond") || !a.get(k + 2).equals("mode")) {
                        return Reply.error("twin: only 'type bond mode MODE' is simulated\n", 255);
                    }
                    String mode = a.get(k + 3);
                    if (!io.pvebench.sim.SimHardware.MODES.contains(mode) || mode.equals("none")) {
                        return invalid(mode, "invalid mode");
                    }
                    changes.add(new Change("mode", mode));
                    k += 3;
                }
                default -> {
                    return Reply.error("Error: either \"dev\" is duplicate, or \"" + word + "\" is a garbage.\n", 255);
                }
            }
        }
        changes.addAll(flags);
        if (dev.equals(LO)) {
            return Reply.ok("");
        }
        return inv.model().changeNetwork(inv.node().name(), net -> {
            if (!net.exists(dev)) {
                return Reply.error("Cannot find device \"" + dev + "\"\n", 1);
            }
            for (Change c : changes) {
                if (c.what().equals("master") && c.value() != null && !net.exists(c.value())) {
                    return invalid(c.value(), "Device does not exist\n");
                }
            }
            for (Change c : changes) {
                HostNetwork.Failure failure = switch (c.what()) {
                    case "up", "down" -> net.setUp(dev, c.what().equals("up"));
                    case "mtu" -> net.setMtu(dev, Integer.parseInt(c.value()));
                    case "master" -> net.setMaster(dev, c.value());
                    default -> net.setBondMode(dev, c.value());
                };
                if (failure != null) {
                    return Reply.error(failure.stderr(), failure.exitCode());
                }
            }
            return Reply.ok("");
        });
    }

    private static Reply invalid(String value, String message) {
        return Reply.error("Error: argument \"" + value + "\" is wrong: " + message + "\n", 255);
    }

    // ---- how a device looks ----

    /**
     * The NICs, the bond and the bridge share the first NIC's address (a bond gives its
     * slaves its own, a bridge takes its port's); a VM's devices have random locally
     * administered ones, the firewall bridge its tap's. Fixed per node and VM.
     */
    static String mac(Invocation inv, Link l) {
        if (l.name().matches("eno[0-9]+|bond0|vmbr0")) {
            Random r = inv.model().randoms().fixed("host/mac/" + inv.node().nodeId());
            return String.format("3c:ec:ef:%02x:%02x:%02x", r.nextInt(256), r.nextInt(256), r.nextInt(256));
        }
        Random r = inv.model().randoms().fixed("host/mac/" + inv.node().nodeId() + "/"
                + l.name().replaceFirst("^fwbr", "tap"));
        return String.format("%02x:%02x:%02x:%02x:%02x:%02x", r.nextInt(256) & 0xfc | 0x02, r.nextInt(256),
                r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256));
    }

    private static List<String> flags(Link l) {
        List<String> f = new ArrayList<>();
        if (l.up() && !l.carrier()) {
            f.add("NO-CARRIER");
        }
        f.add("BROADCAST");
        f.add("MULTICAST");
        if (l.slave()) {
            f.add("SLAVE");
        }
        if ("bond".equals(l.kind())) {
            f.add("MASTER");
        }
        if (l.up()) {
            f.add("UP");
            if (l.carrier()) {
                f.add("LOWER_UP");
            }
        }
        return f;
    }

    private static String state(Link l) {
        if (!l.up() || !l.carrier()) {
            return "DOWN";
        }
        return "tun".equals(l.kind()) ? "UNKNOWN" : "UP";
    }

    private static String qdisc(Link l) {
        if (l.kind() == null) {
            return "mq";
        }
        return "tun".equals(l.kind()) ? "fq_codel" : "noqueue";
    }

    private static String name(Link l) {
        return l.peer() == null ? l.name() : l.name() + "@" + l.peer();
    }

    private static String brief(Invocation inv, Link l) {
        if (l == null) {
            return String.format("%-16s %-14s %s %s \n", LO, "UNKNOWN", "00:00:00:00:00:00", "<LOOPBACK,UP,LOWER_UP>");
        }
        return String.format("%-16s %-14s %s <%s> \n", name(l), state(l), mac(inv, l), String.join(",", flags(l)));
    }

    private static String text(Invocation inv, Link l, boolean details) {
        if (l == null) {
            return "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen"
                    + " 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n";
        }
        StringBuilder s = new StringBuilder().append(l.index()).append(": ").append(name(l)).append(": <")
                .append(String.join(",", flags(l))).append("> mtu ").append(l.mtu()).append(" qdisc ").append(qdisc(l))
                .append(' ');
        if (l.master() != null) {
            s.append("master ").append(l.master()).append(' ');
        }
        s.append("state ").append(state(l)).append(" mode DEFAULT group default qlen 1000\n    link/ether ")
                .append(mac(inv, l)).append(" brd ff:ff:ff:ff:ff:ff");
        if (details) {
            s.append(" promiscuity 0 allmulti 0 minmtu ").append(l.minMtu()).append(" maxmtu ").append(l.maxMtu());
            if ("bond".equals(l.kind())) {
                s.append(" \n    bond mode ").append(l.bondMode()).append(" miimon 100 updelay 0 downdelay 0");
            } else if (l.kind() != null) {
                s.append(" \n    ").append(l.kind());
            }
        }
        return s.append('\n').toString();
    }

    /** The loopback device as {@code ip -j [-d] link} prints it, on a node or in a guest alike. */
    static Map<String, Object> loJson(boolean details) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("ifindex", 1);
        o.put("ifname", LO);
        o.put("flags", List.of("LOOPBACK", "UP", "LOWER_UP"));
        o.put("mtu", 65536);
        o.put("qdisc", "noqueue");
        o.put("operstate", "UNKNOWN");
        o.put("linkmode", "DEFAULT");
        o.put("group", "default");
        o.put("txqlen", 1000);
        o.put("link_type", "loopback");
        o.put("address", "00:00:00:00:00:00");
        o.put("broadcast", "00:00:00:00:00:00");
        if (details) {
            o.put("promiscuity", 0);
            o.put("allmulti", 0);
            o.put("min_mtu", 0);
            o.put("max_mtu", 0);
        }
        return o;
    }

    private static Map<String, Object> json(Invocation inv, Link l, boolean details) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("ifindex", l.index());
        if (l.peer() != null) {
            o.put("link", l.peer());
        }
        o.put("ifname", l.name());
        o.put("flags", flags(l));
        o.put("mtu", l.mtu());
        o.put("qdisc", qdisc(l));
        if (l.master() != null) {
            o.put("master", l.master());
        }
        o.put("operstate", state(l));
        o.put("linkmode", "DEFAULT");
        o.put("group", "default");
        o.put("txqlen", 1000);
        o.put("link_type", "ether");
        o.put("address", mac(inv, l));
        o.put("broadcast", "ff:ff:ff:ff:ff:ff");
        if (details) {
            o.put("promiscuity", l.master() == null ? 0 : 1);
            o.put("allmulti", l.master() == null ? 0 : 1);
            o.put("min_mtu", l.minMtu());
            o.put("max_mtu", l.maxMtu());
            Map<String, Object> info = new LinkedHashMap<>();
            if (l.kind() != null) {
                info.put("info_kind", l.kind());
            }
            if ("bond".equals(l.kind())) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("mode", l.bondMode());
                data.put("miimon", 100);
                data.put("updelay", 0);
                data.put("downdelay", 0);
                data.put("xmit_hash_policy", l.bondMode().equals("802.3ad") ? "layer3+4" : "layer2");
                info.put("info_data", data);
            } else if ("tun".equals(l.kind())) {
                info.put("info_data", new LinkedHashMap<>(Map.of("type", "tap")));
            }
            if (l.master() != null) {
                info.put("info_slave_kind", l.slave() ? "bond" : "bridge");
                info.put("info_slave_data", l.slave()
                        ? new LinkedHashMap<>(Map.of("state", l.up() ? "ACTIVE" : "BACKUP"))
                        : new LinkedHashMap<>(Map.of("state", l.up() ? "forwarding" : "disabled")));
            }
            if (!info.isEmpty()) {
                o.put("linkinfo", info);
            }
        }
        return o;
    }

    /** iproute2's compact JSON: no spaces, keys in the order written. */
    static String compact(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                PerlJson.string(out, e.getKey().toString());
                out.append(':');
                write(out, e.getValue());
                first = false;
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int k = 0; k < list.size(); k++) {
                out.append(k == 0 ? "" : ",");
                write(out, list.get(k));
            }
            out.append(']');
        } else if (value instanceof String s) {
            PerlJson.string(out, s);
        } else {
            out.append(value);
        }
    }
}
