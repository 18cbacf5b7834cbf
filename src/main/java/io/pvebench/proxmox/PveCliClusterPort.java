package io.pvebench.proxmox;

import io.pvebench.ssh.CommandResult;
import io.pvebench.ssh.RemoteShell;
import io.pvebench.ssh.SshException;
import io.pvebench.ssh.SshHost;
import io.pvebench.ssh.SshHosts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@link ClusterPort} over Proxmox's command-line tools on the nodes, through a
 * {@link RemoteShell}. Cluster-wide questions go to the first node that answers, so a
 * run survives a node that is down. Thread-safe when its shell is.
 */
public final class PveCliClusterPort implements ClusterPort {

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
