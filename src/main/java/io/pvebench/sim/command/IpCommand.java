package io.pvebench.sim.command;

import io.pvebench.sim.model.Host;

import java.util.List;
import java.util.Random;

/**
 * {@code ip link set DEV up|down}, {@code ip link [show [DEV]]} and {@code ip -br link}
 * (iproute2 6.x) over the node's interfaces {@code lo}, {@code eno1} (port of
 * {@code vmbr0}) and {@code vmbr0} (the cluster network). Brief lines are
 * {@code %-16s %-14s %s <FLAGS> } (name, operstate, address, flags; trailing blank).
 * A bridge whose only port is down shows {@code NO-CARRIER} and state {@code DOWN}.
 * Unknown devices: {@code Device "x" does not exist.} (show) and
 * {@code Cannot find device "x"} (set), exit 1.
 */
final class IpCommand implements Program {

    private static final List<String> DEVICES = List.of("lo", Host.PORT, Host.BRIDGE);

    @Override
    public Reply run(Invocation inv) {
        List<String> args = inv.args();
        boolean brief = !args.isEmpty() && (args.get(0).equals("-br") || args.get(0).equals("-brief"));
        List<String> rest = brief ? args.subList(1, args.size()) : args;
        if (rest.isEmpty() || !"link".startsWith(rest.get(0)) || rest.get(0).length() < 1) {
            return Reply.error("Object \"" + (rest.isEmpty() ? "" : rest.get(0))
                    + "\" is unknown, try \"ip help\".\n", 255);
        }
        List<String> sub = rest.subList(1, rest.size());
        if (!sub.isEmpty() && sub.get(0).equals("set")) {
            return set(inv, sub.subList(1, sub.size()));
        }
        if (!sub.isEmpty() && (sub.get(0).equals("show") || sub.get(0).equals("list"))) {
            sub = sub.subList(1, sub.size());
        }
        if (!sub.isEmpty() && sub.get(0).equals("dev")) {
            sub = sub.subList(1, sub.size());
        }
        List<String> devices = DEVICES;
        if (!sub.isEmpty()) {
            if (!DEVICES.contains(sub.get(0))) {
                return Reply.error("Device \"" + sub.get(0) + "\" does not exist.\n", 1);
            }
            devices = List.of(sub.get(0));
        }
        StringBuilder out = new StringBuilder();
        for (String dev : devices) {
            out.append(brief ? brief(inv, dev) : full(inv, dev));
        }
        return Reply.ok(out.toString());
    }

    private Reply set(Invocation inv, List<String> args) {
        List<String> a = !args.isEmpty() && args.get(0).equals("dev") ? args.subList(1, args.size()) : args;
        if (a.size() != 2 || !(a.get(1).equals("up") || a.get(1).equals("down"))) {
            return Reply.error("Command line is not complete. Try option \"help\"\n", 255);
        }
        String dev = a.get(0);
        if (!DEVICES.contains(dev)) {
            return Reply.error("Cannot find device \"" + dev + "\"\n", 1);
        }
        if (!dev.equals("lo")) {
            inv.model().setLink(inv.node().name(), dev, a.get(1).equals("up"));
        }
        return Reply.ok("");
    }

    private static String mac(Invocation inv) {
        Random r = inv.model().randoms().fixed("host/mac/" + inv.node().nodeId());
        return String.format("3c:ec:ef:%02x:%02x:%02x", r.nextInt(256), r.nextInt(256), r.nextInt(256));
    }

    private static boolean adminUp(Invocation inv, String dev) {
        return dev.equals("lo") || inv.model().linkUp(inv.node().name(), dev);
    }

    private static boolean carrier(Invocation inv, String dev) {
        return dev.equals(Host.BRIDGE) ? adminUp(inv, Host.PORT) : adminUp(inv, dev);
    }

    private static String flags(Invocation inv, String dev) {
        if (dev.equals("lo")) {
            return "<LOOPBACK,UP,LOWER_UP>";
        }
        if (!adminUp(inv, dev)) {
            return "<BROADCAST,MULTICAST>";
        }
        return carrier(inv, dev) ? "<BROADCAST,MULTICAST,UP,LOWER_UP>" : "<NO-CARRIER,BROADCAST,MULTICAST,UP>";
    }

    private static String state(Invocation inv, String dev) {
        if (dev.equals("lo")) {
            return "UNKNOWN";
        }
        return adminUp(inv, dev) && carrier(inv, dev) ? "UP" : "DOWN";
    }

    private static String brief(Invocation inv, String dev) {
        String addr = dev.equals("lo") ? "00:00:00:00:00:00" : mac(inv);
        return String.format("%-16s %-14s %s %s \n", dev, state(inv, dev), addr, flags(inv, dev));
    }

    private static String full(Invocation inv, String dev) {
        int index = DEVICES.indexOf(dev) + 1;
        return switch (dev) {
            case "lo" -> index + ": lo: " + flags(inv, dev) + " mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT"
                    + " group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n";
            case Host.PORT -> index + ": " + dev + ": " + flags(inv, dev) + " mtu 1500 qdisc mq master " + Host.BRIDGE
                    + " state " + state(inv, dev) + " mode DEFAULT group default qlen 1000\n    link/ether "
                    + mac(inv) + " brd ff:ff:ff:ff:ff:ff\n";
            default -> index + ": " + dev + ": " + flags(inv, dev) + " mtu 1500 qdisc noqueue state "
                    + state(inv, dev) + " mode DEFAULT group default qlen 1000\n    link/ether " + mac(inv)
                    + " brd ff:ff:ff:ff:ff:ff\n";
        };
    }
}
