package io.pvebench.proxmox;

import io.pvebench.measure.IpLink;
import io.pvebench.measure.IpLinkJson;
import io.pvebench.pipeline.BondMode;
import io.pvebench.ssh.CommandResult;
import io.pvebench.ssh.RemoteShell;
import io.pvebench.ssh.SshException;
import io.pvebench.ssh.SshHost;
import io.pvebench.ssh.SshHosts;
import io.pvebench.ssh.ShellQuote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@link ClusterPort} over Proxmox's command-line tools on the nodes, through a
 * {@link RemoteShell}. Cluster-wide questions go to the first node that answers, so a
 * run survives a node that is down. Thread-safe when its shell is.
 */
public final class PveCliClusterPort implements ClusterPort {

    /** A Linux interface name (IFNAMSIZ less the NUL), of the characters Proxmox and ifupdown2 use. */
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private final RemoteShell shell;
    private final SshHosts hosts;
    private final Duration timeout;

    public PveCliClusterPort(RemoteShell shell, SshHosts hosts, Duration timeout) {
        this.shell = shell;
        this.hosts = hosts;
        this.timeout = timeout;
    }

    @Override
    public List<String> nodes() {
        return hosts.names();
    }

    @Override
    public PveVersion version(String node) {
        return PveVersion.parse(checked(run(node, "pveversion")).stdout());
    }

    @Override
    public ClusterStatus status() {
        return PveshJson.status(checked(onAnyNode("pvesh get /cluster/status --output-format json")).stdout());
    }

    @Override
    public List<ClusterResource> resources() {
        return PveshJson.resources(resourcesJson());
    }

    @Override
    public Instant time(String node) {
        String out = checked(run(node, "date +%s.%N")).stdout().strip();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.(\\d{9})").matcher(out);
        if (!m.matches()) {
            throw new ProxmoxException("'date +%s.%N' on " + node + " printed '" + out + "', not seconds.nanoseconds");
        }
        return Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    @Override
    public String resourcesJson() {
        return checked(onAnyNode("pvesh get /cluster/resources --output-format json")).stdout();
    }

    @Override
    public List<VmNic> vmNics(String node, int vmid) {
        return VmNic.parse(vmid, checked(run(node, ShellQuote.command("qm", "config", String.valueOf(vmid)))).stdout());
    }

    @Override
    public List<IpLink> links(String node) {
        return IpLinkJson.parse(checked(run(node, "ip -j -d link")).stdout());
    }

    @Override
    public void setMtu(String node, String device, int mtu) {
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("mtu must be 68..65535: " + mtu);
        }
        checked(run(node, ShellQuote.command("ip", "link", "set", "dev", device(device), "mtu", String.valueOf(mtu))));
    }

    @Override
    public void setBondMode(String node, String bond, List<String> slaves, BondMode mode) {
        List<String> steps = new ArrayList<>();
        steps.add(ShellQuote.command("ip", "link", "set", "dev", device(bond), "down"));
        for (String slave : slaves) {
            steps.add(ShellQuote.command("ip", "link", "set", "dev", device(slave), "nomaster"));
        }
        steps.add(ShellQuote.command("ip", "link", "set", "dev", bond, "type", "bond", "mode", mode.written()));
        for (String slave : slaves) {
            steps.add(ShellQuote.command("ip", "link", "set", "dev", slave, "down"));
            steps.add(ShellQuote.command("ip", "link", "set", "dev", slave, "master", bond));
        }
        steps.add(ShellQuote.command("ip", "link", "set", "dev", bond, "up"));
        // a list, not &&: whatever fails, the slaves go back and the bond comes up again
        CommandResult result = run(node, ShellQuote.command("sh", "-c", String.join("; ", steps)));
        List<IpLink> now = links(node);
        IpLink after = now.stream().filter(l -> l.name().equals(bond)).findFirst()
                .orElseThrow(() -> new ProxmoxException("node " + node + ": bond " + bond + " is gone"));
        List<String> enslaved = now.stream().filter(l -> bond.equals(l.master())).map(IpLink::name).toList();
        if (!mode.written().equals(after.bondMode()) || !after.up() || !enslaved.containsAll(slaves)) {
            throw new ProxmoxException("node " + node + ": bond " + bond + " is " + after.bondMode()
                    + (after.up() ? "" : ", down") + " with slaves " + enslaved + " after changing its mode to "
                    + mode.written() + " (exit " + result.exitCode() + ": " + result.stderr().strip() + ")");
        }
    }

    private static String device(String name) {
        if (name == null || !DEVICE.matcher(name).matches()) {
            throw new IllegalArgumentException("not a network device name: " + name);
        }
        return name;
    }

    /** Runs a command on one node; the exit code is left to the caller. */
    public CommandResult run(String node, String command) {
        SshHost host = hosts.find(node).orElseThrow(() -> new ProxmoxException(
                "node '" + node + "' is not in the inventory " + hosts.names()));
        return shell.run(host, command, timeout);
    }

    private CommandResult onAnyNode(String command) {
        SshException last = null;
        for (String node : hosts.names()) {
            try {
                return run(node, command);
            } catch (SshException e) {
                last = e;
            }
        }
        throw new SshException("no node of " + hosts.names() + " answered: " + command
                + (last == null ? "" : " (last: " + last.getMessage() + ")"), last);
    }

    private static CommandResult checked(CommandResult result) {
        if (!result.succeeded()) {
            throw new ProxmoxException("'" + result.command() + "' on " + result.host() + " exited "
                    + result.exitCode() + ": " + result.stderr().strip());
        }
        return result;
    }
}
