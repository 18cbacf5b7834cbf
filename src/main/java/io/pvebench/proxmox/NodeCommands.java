package io.pvebench.proxmox;

import io.pvebench.ssh.CommandResult;
import io.pvebench.ssh.RemoteShell;
import io.pvebench.ssh.SshException;
import io.pvebench.ssh.SshHost;
import io.pvebench.ssh.SshHosts;

import java.time.Duration;
import java.util.Arrays;

/**
 * Commands on the inventory's nodes, shared by the ports that drive them: one node by name, or the
 * first that answers, and a failed command turned into a {@link ProxmoxException} with the end of
 * its error output. Thread-safe as its shell is.
 */
final class NodeCommands {

    private final RemoteShell shell;
    private final SshHosts hosts;
    private final Duration timeout;

    NodeCommands(RemoteShell shell, SshHosts hosts, Duration timeout) {
        this.shell = shell;
        this.hosts = hosts;
        this.timeout = timeout;
    }

    /** The node's SSH host; a name the inventory does not have is a {@link ProxmoxException}. */
    SshHost host(String node) {
        return hosts.find(node).orElseThrow(() -> new ProxmoxException(
                "node '" + node + "' is not in the inventory " + hosts.names()));
    }

    CommandResult run(String node, String command) {
        return run(node, command, timeout);
    }

    CommandResult run(String node, String command, Duration limit) {
        return shell.run(host(node), command, limit);
    }

    /** On the first node that answers, in inventory order. */
    CommandResult onAnyNode(String command) {
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

    static CommandResult checked(CommandResult result) {
        if (!result.succeeded()) {
            throw new ProxmoxException("'" + result.command() + "' on " + result.host() + " exited "
                    + result.exitCode() + ": " + lastLines(result.stderr().strip()));
        }
        return result;
    }

    /** The end of an error output: a failed task prints its log first and the reason last. */
    private static String lastLines(String stderr) {
        String[] lines = stderr.split("\n");
        return lines.length <= 3 ? stderr : String.join(" / ", Arrays.copyOfRange(lines, lines.length - 3,
                lines.length));
    }
}
