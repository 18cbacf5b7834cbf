package io.pvebench.sim.command;

/**
 * GNU coreutils {@code uname} on a node: {@code -r} prints the running kernel of the version
 * profile (the one {@code pveversion} names), {@code -n} the node name, no option {@code Linux}.
 * Any other option is coreutils' "invalid option", exit 1.
 */
final class Uname implements Program {

    @Override
    public Reply run(Invocation inv) {
        if (inv.args().isEmpty() || inv.args().equals(java.util.List.of("-s"))) {
            return Reply.ok("Linux\n");
        }
        if (inv.args().equals(java.util.List.of("-r"))) {
            return Reply.ok(inv.model().profile().kernel() + "\n");
        }
        if (inv.args().equals(java.util.List.of("-n"))) {
            return Reply.ok(inv.node().name() + "\n");
        }
        return Reply.error("uname: invalid option -- '" + inv.args().get(0).replaceFirst("^-+", "") + "'\n"
                + "Try 'uname --help' for more information.\n", 1);
    }
}
