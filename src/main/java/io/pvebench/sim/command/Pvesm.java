package io.pvebench.sim.command;

import io.pvebench.sim.model.StorageInfo;

import java.util.List;
import java.util.Locale;

/**
 * {@code pvesm status} on a node, as pve-storage's {@code PVE/CLI/pvesm.pm} ({@code $print_status})
 * prints it: a header, then one row per storage the node sees ({@code local}, {@code local-lvm}, the
 * shared ones the VMs use) sorted by id, the name left-aligned one column wider than the longest,
 * type and status right-aligned in 10 columns, total, used and available in KiB in 15, the used
 * share in 8. The 9.2 profile labels the sizes {@code Total (KiB)}, {@code Used (KiB)},
 * {@code Available (KiB)} (pve-storage commit 10e47fc, libpve-storage-perl 9.0.14, and a real 9.2
 * output); 8.4 prints the bare {@code Total Used Available} of the older real outputs (both under
 * {@code outputs/proxmox/pvesm-status/}). Any other subcommand is refused (exit 255).
 */
final class Pvesm implements Program {

    @Override
    public Reply run(Invocation inv) {
        if (!inv.args().equals(List.of("status"))) {
            return Reply.error("ERROR: unknown command 'pvesm " + String.join(" ", inv.args()) + "'\n", 255);
        }
        String node = inv.node().name();
        List<StorageInfo> storages = StorageInfo.all(inv.model()).stream()
                .sorted(java.util.Comparator.comparing(StorageInfo::id)).toList();
        int width = storages.stream().mapToInt(s -> s.id().length()).max().orElse(4) + 1;
        boolean kib = inv.model().profile().release().startsWith("9.");
        String row = "%-" + width + "s %10s %10s %15s %15s %15s %8s\n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, row, "Name", "Type", "Status",
                kib ? "Total (KiB)" : "Total", kib ? "Used (KiB)" : "Used", kib ? "Available (KiB)" : "Available",
                "%"));
        for (StorageInfo s : storages) {
            long total = s.sizeBytes() / 1024;
            long used = Math.min(total, s.usedBytes(inv.model(), node) / 1024);
            double percent = total == 0 ? 0 : 100.0 * used / total;
            out.append(String.format(Locale.ROOT, "%-" + width + "s %10s %10s %15d %15d %15d %7.2f%%\n", s.id(),
                    s.type(), "active", total, used, total - used, percent));
        }
        return Reply.ok(out.toString());
    }
}
