package io.pvebench.sim.command;

import io.pvebench.sim.model.VersionProfile;

import java.util.Map;

/**
 * {@code pveversion [-v|--verbose]}, as pve-manager {@code bin/pveversion} prints it:
 * {@code pve-manager/<ver>/<repoid> (running kernel: <uname -r>)}, or with {@code -v}
 * one {@code package: version} line per package, {@code proxmox-ve} carrying the
 * running kernel and {@code pve-manager} the running version.
 */
final class Pveversion implements Program {

    @Override
    public Reply run(Invocation inv) {
        VersionProfile p = inv.model().profile();
        boolean verbose = false;
        for (String arg : inv.args()) {
            if (arg.equals("-v") || arg.equals("--verbose") || arg.equals("-verbose")) {
                verbose = true;
            } else {
                return Reply.error("USAGE: pveversion [--verbose]\n", 255);
            }
        }
        if (!verbose) {
            return Reply.ok(p.managerWithRepoId() + " (running kernel: " + p.kernel() + ")\n");
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> pkg : p.packages()) {
            out.append(pkg.getKey()).append(": ").append(pkg.getValue());
            if (pkg.getKey().equals("proxmox-ve")) {
                out.append(" (running kernel: ").append(p.kernel()).append(')');
            } else if (pkg.getKey().equals("pve-manager")) {
                out.append(" (running version: ").append(p.managerVersion()).append('/').append(p.repoId())
                        .append(')');
            }
            out.append('\n');
        }
        return Reply.ok(out.toString());
    }
}
