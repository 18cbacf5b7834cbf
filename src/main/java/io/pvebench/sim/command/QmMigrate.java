package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.StorageInfo;
import io.pvebench.sim.model.Task;
import io.pvebench.sim.model.VmConfig;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code qm migrate <vmid> <target> [OPTIONS]} of a stopped VM (offline migration), a
 * {@code qmigrate} task run in the foreground like every {@code qm} task (exit 255 when it
 * fails). Checks before the worker follow qemu-server 9.2.6 {@code API2/Qemu.pm}
 * {@code migrate_vm}; the log follows {@code QemuMigrate.pm} ({@code phase1},
 * {@code sync_offline_local_volumes}, {@code phase3_cleanup}) and pve-guest-common
 * {@code AbstractMigrate.pm} (every line prefixed {@code YYYY-MM-DD HH:MM:SS }, node time
 * UTC; {@code migration finished successfully (duration HH:MM:SS)}). A disk on local
 * storage is copied to the target through pve-storage {@code storage_migrate}: the target's
 * {@code lvcreate} line, the sending {@code dd status=progress} lines (rate-limited as
 * {@code storage_migrate} does: every third second), dd's summary and {@code successfully
 * imported '<volid>'}; the receiving dd's own record counts are left out. A disk on shared
 * storage is not copied. Copy speed is the slower storage's, capped by the SSH tunnel of a
 * secure migration (a model number). The VM's config then belongs to the target node.
 *
 * A running VM with {@code --online} migrates live ({@link QmMigrateOnline}).
 *
 * A running HA-managed VM gets a short {@code hamigrate} task that queues
 * {@code ha-manager migrate}; the CRM and the source's LRM then migrate it
 * ({@link HaMigration}, the same way automatic rebalancing does).
 *
 * <p>Not simulated: stopped HA-managed VMs, {@code --targetstorage} maps and bandwidth
 * limits of offline migration.
 */
final class QmMigrate {

    private static final String USAGE = "qm migrate <vmid> <target> [OPTIONS]";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** What one SSH stream carries with the default cipher (AES-GCM, one core): a model number. */
    private static final long TUNNEL_BYTES_PER_SECOND = 450L << 20;

    Reply migrate(Invocation inv) throws InterruptedException {
        QmArgs a = QmArgs.parse(USAGE, inv.args().subList(1, inv.args().size()), List.of("vmid", "target"),
                Set.of("online", "force", "migration_type", "migration_network", "with-local-disks", "targetstorage",
                        "bwlimit", "with-conntrack-state"),
                Set.of("online", "force", "with-local-disks", "with-conntrack-state"));
        int vmid = a.vmid(0);
        String target = a.positional.get(1);
        ClusterModel model = inv.model();
        String local = inv.node().name();
        if (target.equals(local)) {
            throw QmArgs.usage(USAGE, "400 Parameter verification failed.\ntarget: target is local node.");
        }
        if (!model.quorate(local)) {
            throw new CommandFailure("cluster not ready - no quorum?");
        }
        if (model.nodes().stream().noneMatch(n -> n.name().equals(target))) {
            throw new CommandFailure("no such cluster node '" + target + "'");
        }
        VmConfig conf = QmLifecycle.loadConfig(inv, vmid);
        conf.lock().ifPresent(l -> {
            throw new CommandFailure("VM is locked (" + l + ")");
        });
        String warning = "";
        if (model.running(vmid)) {
            if (!a.flag("online")) {
                throw new CommandFailure("can't migrate running VM without --online");
            }
        } else if (a.flag("online")) {
            warning = "VM isn't running. Doing offline migration instead.\n";
        }
        if (model.ha(ha -> ha.resources().containsKey("vm:" + vmid))) {
            if (!model.running(vmid)) {
                throw new CommandFailure("migrating a stopped HA-managed VM is not simulated by the twin");
            }
            return TaskRunner.cli(inv, "hamigrate", Integer.toString(vmid), true, task -> {
                task.log("Requesting HA migration for VM " + vmid + " to node " + target);
                HaMigration.request(model, vmid, local, target);
            });
        }
        if (model.running(vmid)) {
            long bwlimit = a.options.containsKey("bwlimit") ? Long.parseLong(a.options.get("bwlimit")) : 0;
            return TaskRunner.cli(inv, "qmigrate", Integer.toString(vmid), true,
                    task -> new QmMigrateOnline(model, task, vmid, local, target)
                            .run(bwlimit, a.flag("with-local-disks"), a.flag("with-conntrack-state")));
        }
        Reply reply = TaskRunner.cli(inv, "qmigrate", Integer.toString(vmid), true,
                task -> run(inv, task, vmid, target));
        return new Reply(reply.stdout(), warning + reply.stderr(), reply.exitCode());
    }

    private void run(Invocation inv, Task task, int vmid, String target) throws InterruptedException {
        ClusterModel model = inv.model();
        Instant start = model.clock().now();
        log(task, model, "starting migration of VM " + vmid + " to node '" + target + "' ("
                + model.node(target).ip() + ")");
        VmConfig conf = model.config(vmid).orElseThrow().with("lock", "migrate");
        model.setConfig(conf);
        try {
            List<VmConfig.Disk> local = conf.disks().stream()
                    .filter(d -> !StorageInfo.of(d.storage()).shared()).toList();
            for (VmConfig.Disk disk : local) {
                log(task, model, "found local disk '" + disk.volid() + "' (attached)");
            }
            if (!local.isEmpty()) {
                log(task, model, "copying local disk images");
            }
            for (VmConfig.Disk disk : local) {
                copy(task, model, disk);
                log(task, model, "volume '" + disk.volid() + "' is '" + disk.volid() + "' on the target");
            }
            model.moveVm(vmid, target);
            for (VmConfig.Disk disk : local) {
                if (StorageInfo.of(disk.storage()).type().equals("lvmthin")) {
                    // lvremove's own output on the source, not through the migration's log function
                    task.log("  Logical volume \"" + disk.imageName() + "\" successfully removed.");
                }
            }
        } finally {
            model.config(vmid).ifPresent(c -> model.setConfig(c.without("lock")));
        }
        long seconds = Duration.between(start, model.clock().now()).toSeconds();
        log(task, model, String.format(Locale.ROOT, "migration finished successfully (duration %02d:%02d:%02d)",
                seconds / 3600, seconds / 60 % 60, seconds % 60));
    }

    /** {@code storage_migrate} of one local disk: {@code pvesm export | ssh target pvesm import}. */
    private static void copy(Task task, ClusterModel model, VmConfig.Disk disk) throws InterruptedException {
        StorageInfo storage = StorageInfo.of(disk.storage());
        long speed = Math.min(storage.copyBytesPerSecond(), TUNNEL_BYTES_PER_SECOND);
        long size = disk.sizeBytes();
        if (storage.type().equals("lvmthin")) {
            log(task, model, "  Logical volume \"" + disk.imageName() + "\" created.");
        }
        double total = (double) size / speed;
        for (int second = 1; second < total; second++) {
            model.clock().sleep(Duration.ofSeconds(1));
            if (second % 3 == 0) {
                log(task, model, ddProgress(Math.min(size, speed * second), String.valueOf(second), second));
            }
        }
        model.clock().sleep(Duration.ofNanos((long) ((total - Math.floor(total)) * 1e9)));
        long records = (size + 65_535) / 65_536;
        log(task, model, records + "+0 records in");
        log(task, model, records + "+0 records out");
        log(task, model, ddProgress(size, String.format(Locale.ROOT, "%.5g", total), total));
        log(task, model, "successfully imported '" + disk.volid() + "'");
    }

    /** GNU dd's transfer line: {@code 8589934592 bytes (8.6 GB, 8.0 GiB) copied, 9.41 s, 913 MB/s}. */
    static String ddProgress(long bytes, String secondsText, double seconds) {
        return bytes + " bytes (" + human(bytes, 1000, "B") + ", " + human(bytes, 1024, "iB") + ") copied, "
                + secondsText + " s, " + human(Math.round(bytes / seconds), 1000, "B") + "/s";
    }

    /** dd's human sizes: two significant digits below 10 ({@code 8.6 GB}), whole numbers above ({@code 34 GB}). */
    private static String human(long bytes, int base, String suffix) {
        String[] prefixes = {"", "k", "M", "G", "T", "P"};
        double v = bytes;
        int i = 0;
        while (v >= base && i < prefixes.length - 1) {
            v /= base;
            i++;
        }
        String prefix = base == 1024 ? prefixes[i].toUpperCase(Locale.ROOT) : prefixes[i];
        String unit = i == 0 ? "B" : prefix + suffix;
        return (v < 10 && i > 0 ? String.format(Locale.ROOT, "%.1f", v) : String.valueOf(Math.round(v))) + " " + unit;
    }

    private static void log(Task task, ClusterModel model, String line) {
        task.log(STAMP.format(model.clock().now()) + " " + line);
    }
}
