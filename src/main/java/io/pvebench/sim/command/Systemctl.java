package io.pvebench.sim.command;

import io.pvebench.sim.model.Host;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code systemctl start|stop|restart|is-active UNIT...} for the cluster services the twin
 * models ({@code corosync pve-cluster pve-ha-crm pve-ha-lrm}, with or without
 * {@code .service}). Like systemd 252/257: start/stop/restart print nothing and exit 0;
 * an unknown unit fails with {@code Failed to start x.service: Unit x.service not found.}
 * and exit 5 (stop: {@code Failed to stop ...}); {@code is-active} prints one line per unit
 * ({@code active}/{@code inactive}) and exits 0 only when all are active, else 3; unknown
 * units are {@code inactive}.
 */
final class Systemctl implements Program {

    @Override
    public Reply run(Invocation inv) {
        List<String> args = inv.args().stream().filter(a -> !a.startsWith("-")).toList();
        if (args.size() < 2) {
            return Reply.error("Too few arguments.\n", 1);
        }
        String verb = args.get(0);
        List<String> units = new ArrayList<>();
        for (String unit : args.subList(1, args.size())) {
            units.add(unit.endsWith(".service") ? unit.substring(0, unit.length() - ".service".length()) : unit);
        }
        String node = inv.node().name();
        switch (verb) {
            case "is-active" -> {
                StringBuilder out = new StringBuilder();
                boolean all = true;
                for (String unit : units) {
                    boolean active = Host.SERVICES.contains(unit) && inv.model().serviceRunning(node, unit);
                    all &= active;
                    out.append(active ? "active" : "inactive").append('\n');
                }
                return new Reply(out.toString(), "", all ? 0 : 3);
            }
            case "start", "stop", "restart" -> {
                for (String unit : units) {
                    if (!Host.SERVICES.contains(unit)) {
                        return Reply.error("Failed to " + verb + " " + unit + ".service: Unit " + unit
                                + ".service not found.\n", 5);
                    }
                }
                for (String unit : units) {
                    if (!verb.equals("start")) {
                        inv.model().stopService(node, unit);
                    }
                    if (!verb.equals("stop")) {
                        inv.model().startService(node, unit);
                    }
                }
                return Reply.ok("");
            }
            default -> {
                return Reply.error("Unknown command verb '" + verb + "'.\n", 1);
            }
        }
    }
}
