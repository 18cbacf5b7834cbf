package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.NodeInfo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The shell of a simulated node: what {@code bash -c LINE} does with one exec request.
 * Knows the Proxmox commands (with {@code pvesm status} and {@code corosync-cfgtool -s}), {@code hostname},
 * {@code uname}, {@code true}, {@code echo},
 * {@code sleep}, {@code date} (model time), {@code cat /proc/loadavg}, the fault tools ({@code systemctl}, {@code ip},
 * {@code iptables}, {@code journalctl}, {@code sh -c} for the SysRq reset) and
 * {@code ha-manager}; anything else is bash's {@code command not found}, exit 127.
 * While pmxcfs ({@code pve-cluster}) is stopped, {@code pvesh}, {@code pvesm}, {@code qm} and
 * {@code ha-manager} fail with its IPC error (exit 111, Perl's {@code die} with errno
 * ECONNREFUSED; not checked on a live node). A program given by absolute path
 * ({@code /usr/bin/pvesh}) is found by its name. Thread-safe.
 */
public final class NodeShell {

    private static final java.util.Set<String> NEEDS_PMXCFS = java.util.Set.of("pvesh", "pvesm", "ha-manager", "qm");

    private final Map<String, Program> programs;

    public NodeShell() {
        Qm qm = new Qm(new GuestShell());
        Map<String, Program> core = Map.ofEntries(
                Map.entry("pveversion", new Pveversion()),
                Map.entry("pvecm", new Pvecm()),
                Map.entry("pvesh", new Pvesh()),
                Map.entry("pvesm", new Pvesm()),
                Map.entry("corosync-cfgtool", new CorosyncCfgtool()),
                Map.entry("qm", qm),
                Map.entry("hostname", inv -> Reply.ok(inv.node().name() + "\n")),
                Map.entry("uname", new Uname()),
                Map.entry("true", inv -> Reply.ok("")),
                Map.entry("echo", inv -> Reply.ok(String.join(" ", inv.args()) + "\n")),
                Map.entry("sleep", NodeShell::sleep),
                Map.entry("date", new DateCommand()),
                Map.entry("cat", new NodeCat()));
        this.programs = withFaultTools(core);
    }

    /** The host tools fault injection uses (see {@code sim.model.Host}), and HA. */
    private Map<String, Program> withFaultTools(Map<String, Program> core) {
        Map<String, Program> all = new java.util.HashMap<>(core);
        all.put("systemctl", new Systemctl());
        all.put("ip", new IpCommand());
        all.put("iptables", new Iptables());
        all.put("journalctl", new Journalctl());
        all.put("ha-manager", new HaManager());
        all.put("sh", new Sh(this));
        all.put("bash", new Sh(this));
        return Map.copyOf(all);
    }

    public Reply run(String line, NodeInfo node, ClusterModel model) throws InterruptedException {
        List<String> words;
        try {
            words = ShellWords.split(line);
        } catch (ShellWords.UnterminatedQuoteException e) {
            return Reply.error(e.getMessage() + "\nbash: -c: line 2: syntax error: unexpected end of file\n", 2);
        } catch (ShellWords.UnsupportedSyntaxException e) {
            return Reply.error(e.getMessage() + "\n", 2);
        }
        if (words.isEmpty()) {
            return Reply.ok("");
        }
        String name = words.get(0);
        String lookup = name.matches("/(usr/)?s?bin/[^/]+") ? name.substring(name.lastIndexOf('/') + 1) : name;
        Program program = programs.get(lookup);
        if (program == null) {
            return Reply.error("bash: line 1: " + name + ": command not found\n", 127);
        }
        if (NEEDS_PMXCFS.contains(lookup) && !model.serviceRunning(node.name(), "pve-cluster")) {
            // pmxcfs stopped: every tool that reads /etc/pve through its IPC socket fails
            return Reply.error("ipcc_send_rec[1] failed: Connection refused\n"
                    + "ipcc_send_rec[2] failed: Connection refused\n"
                    + "ipcc_send_rec[3] failed: Connection refused\n"
                    + "Unable to load access control list: Connection refused\n", 111);
        }
        return program.run(new Invocation(lookup, words.subList(1, words.size()), node, model));
    }

    private static Reply sleep(Invocation inv) throws InterruptedException {
        if (inv.args().size() != 1 || !inv.args().get(0).matches("[0-9]+(\\.[0-9]+)?")) {
            return Reply.error("sleep: missing operand\nTry 'sleep --help' for more information.\n", 1);
        }
        double seconds = Double.parseDouble(inv.args().get(0));
        inv.model().clock().sleep(Duration.ofNanos(Math.round(seconds * 1e9)));
        return Reply.ok("");
    }
}
