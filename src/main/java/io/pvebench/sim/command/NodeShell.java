package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.NodeInfo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The shell of a simulated node: what {@code bash -c LINE} does with one exec request.
 * Knows the Proxmox commands, {@code hostname}, {@code true}, {@code echo} and
 * {@code sleep} (model time); anything else is bash's {@code command not found}, exit
 * 127. A program given by absolute path ({@code /usr/bin/pvesh}) is found by its name.
 * Thread-safe.
 */
public final class NodeShell {

    private final Map<String, Program> programs;

    public NodeShell() {
        Qm qm = new Qm(new GuestShell());
        this.programs = Map.of(
                "pveversion", new Pveversion(),
                "pvecm", new Pvecm(),
                "pvesh", new Pvesh(),
                "qm", qm,
                "hostname", inv -> Reply.ok(inv.node().name() + "\n"),
                "true", inv -> Reply.ok(""),
                "echo", inv -> Reply.ok(String.join(" ", inv.args()) + "\n"),
                "sleep", NodeShell::sleep);
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
