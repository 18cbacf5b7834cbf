package io.pvebench.sim.command;

import io.pvebench.sim.model.LoadModel;

import java.util.Locale;

/**
 * GNU coreutils {@code cat} on a node, for the files pvebench reads there:
 * {@code /proc/net/bonding/<bond>} of a bond the node has ({@link ProcBonding}), and
 * {@code /proc/loadavg}, from the load model (the three averages, which count tasks waiting for
 * a disk too; the tasks runnable at this instant, running or waiting for a CPU: the cores the
 * node's guests and host demand, as busy threads; all tasks; the last PID), in the kernel's
 * format ({@code fs/proc/loadavg.c}). Any other path is coreutils'
 * "No such file or directory", exit 1.
 */
final class NodeCat implements Program {

    private static final String BONDING = "/proc/net/bonding/";

    /** Tasks of an idle Proxmox node: kernel threads, pmxcfs, corosync, pve daemons; a model number. */
    private static final int BASE_TASKS = 612;

    @Override
    public Reply run(Invocation inv) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String path : inv.args()) {
            java.util.Optional<String> bond = path.startsWith(BONDING)
                    ? ProcBonding.show(inv, path.substring(BONDING.length())) : java.util.Optional.empty();
            if (path.equals("/proc/loadavg")) {
                out.append(loadavg(inv));
            } else if (bond.isPresent()) {
                out.append(bond.get());
            } else {
                err.append("cat: ").append(path).append(": No such file or directory\n");
            }
        }
        return new Reply(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

    private static String loadavg(Invocation inv) {
        String node = inv.node().name();
        double[] l = inv.model().nodeLoadavg(node);
        LoadModel.NodeLoad load = inv.model().nodeLoad(node);
        // a busy thread is one runnable task; the reading cat is one too
        long runnable = Math.max(1, Math.round(load.demandCores()));
        // every guest runs a QEMU process with its vCPU, I/O and worker threads
        long tasks = BASE_TASKS + inv.model().vmsOn(node).stream().mapToLong(vm -> 8L + vm.cores()).sum();
        int lastPid = 100_000 + inv.model().randoms().next("node-pid/" + node).nextInt(900_000);
        return String.format(Locale.ROOT, "%.2f %.2f %.2f %d/%d %d%n", l[0], l[1], l[2], runnable, tasks, lastPid);
    }
}
