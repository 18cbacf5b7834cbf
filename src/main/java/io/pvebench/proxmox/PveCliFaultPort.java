package io.pvebench.proxmox;

import io.pvebench.ssh.CommandResult;
import io.pvebench.ssh.RemoteShell;
import io.pvebench.ssh.ShellQuote;
import io.pvebench.ssh.SshException;
import io.pvebench.ssh.SshHosts;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@link FaultPort} with the nodes' own tools over SSH: iptables, iproute2, systemctl and
 * ha-manager, each value validated or quoted before it goes into a command line.
 */
public final class PveCliFaultPort implements FaultPort {

    /** Corosync's knet ports: 5405 for link 0, one more per further link, at most eight links. */
    static final String COROSYNC_PORTS = "5405:5412";
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
    private static final String MISSING_RULE = "Bad rule";
    /** How many copies of a rule an undo removes at most: more means something else adds them. */
    private static final int MAX_COPIES = 16;

    private final NodeCommands nodes;

    public PveCliFaultPort(RemoteShell shell, SshHosts hosts, Duration timeout) {
        this.nodes = new NodeCommands(shell, hosts, timeout);
    }

    @Override
    public void dropCorosync(String node) {
        for (String chain : List.of("INPUT", "OUTPUT")) {
            NodeCommands.checked(run(node, ShellQuote.command(corosyncRule("-I", chain))));
        }
    }

    @Override
    public void allowCorosync(String node) {
        for (String chain : List.of("INPUT", "OUTPUT")) {
            for (int copy = 0; ; copy++) {
                CommandResult r = run(node, ShellQuote.command(corosyncRule("-D", chain)));
                if (!r.succeeded()) {
                    if (r.stderr().contains(MISSING_RULE)) {
                        break;
                    }
                    NodeCommands.checked(r);
                }
                if (copy == MAX_COPIES) {
                    throw new ProxmoxException("more than " + MAX_COPIES + " rules dropping corosync in " + chain
                            + " on " + node + ": something else adds them; remove them by hand");
                }
            }
        }
    }

    private static List<String> corosyncRule(String action, String chain) {
        return List.of("iptables", "-w", action, chain, "-p", "udp", "--dport", COROSYNC_PORTS, "-j", "DROP");
    }

    @Override
    public void linkDown(String node, String device) {
        NodeCommands.checked(run(node, ShellQuote.command("ip", "link", "set", "dev", device(device), "down")));
    }

    @Override
    public void linkUp(String node, String device) {
        NodeCommands.checked(run(node, ShellQuote.command("ip", "link", "set", "dev", device(device), "up")));
    }

    @Override
    public void stopHaServices(String node) {
        // the LRM first, as Proxmox's own order: a stopped LRM no longer starts guests the CRM sends it
        NodeCommands.checked(run(node, ShellQuote.command("systemctl", "stop", "pve-ha-lrm")));
        NodeCommands.checked(run(node, ShellQuote.command("systemctl", "stop", "pve-ha-crm")));
    }

    @Override
    public void startHaServices(String node) {
        NodeCommands.checked(run(node, ShellQuote.command("systemctl", "start", "pve-ha-crm")));
        NodeCommands.checked(run(node, ShellQuote.command("systemctl", "start", "pve-ha-lrm")));
    }

    @Override
    public void nodeMaintenance(String node, boolean enable) {
        String command = ShellQuote.command("ha-manager", "crm-command", "node-maintenance",
                enable ? "enable" : "disable", node(node));
        NodeCommands.checked(nodes.onAnyNode(command));
    }

    @Override
    public void sysrqReset(String node) {
        try {
            // a node that resets drops the session before it answers: that is the success
            run(node, ShellQuote.command("sh", "-c", "echo b > /proc/sysrq-trigger"));
        } catch (SshException expected) {
            return;
        }
    }

    private static String device(String device) {
        if (!DEVICE.matcher(device).matches()) {
            throw new IllegalArgumentException("not a network interface name: '" + device + "'");
        }
        return device;
    }

    private static String node(String node) {
        if (!NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("not a node name: '" + node + "'");
        }
        return node;
    }

    private CommandResult run(String node, String command) {
        return nodes.run(node, command);
    }
}
