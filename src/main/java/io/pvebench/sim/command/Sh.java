package io.pvebench.sim.command;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sh -c 'COMMAND'} / {@code bash -c 'COMMAND'}: the one quoted form the twin
 * accepts for the magic SysRq reset, {@code echo b > /proc/sysrq-trigger} (also
 * {@code o}: power off, {@code c}: crash; both leave the node down). The node dies at
 * once: the command never returns, open SSH sessions drop, as on a real host. Any other
 * command is run as a simple command line by the node's shell, or as a list of them
 * separated by {@code ;}, one after the other whatever each exits with; the list prints
 * what each printed and exits with the last one's status, as sh does.
 */
final class Sh implements Program {

    private static final Pattern SYSRQ = Pattern.compile("\\s*echo\\s+([bco])\\s*>\\s*/proc/sysrq-trigger\\s*");

    private final NodeShell shell;

    Sh(NodeShell shell) {
        this.shell = shell;
    }

    @Override
    public Reply run(Invocation inv) throws InterruptedException {
        List<String> args = inv.args();
        if (args.size() != 2 || !args.get(0).equals("-c")) {
            return Reply.error(inv.program() + ": the twin runs only '" + inv.program() + " -c COMMAND'\n", 2);
        }
        Matcher m = SYSRQ.matcher(args.get(1));
        if (m.matches()) {
            inv.model().crashNode(inv.node().name(), m.group(1).equals("b"));
            // the node's SSH server kills this thread; a model without one returns after a while
            Thread.sleep(30_000);
            return new Reply("", "", -1);
        }
        List<String> commands = ShellWords.sequence(args.get(1));
        if (commands.size() <= 1) {
            return shell.run(args.get(1), inv.node(), inv.model());
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int exit = 0;
        for (String command : commands) {
            Reply reply = shell.run(command, inv.node(), inv.model());
            out.append(reply.stdout());
            err.append(reply.stderr());
            exit = reply.exitCode();
        }
        return new Reply(out.toString(), err.toString(), exit);
    }
}
