package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.LiveMigration;
import io.pvebench.sim.model.MigrationRecord;
import io.pvebench.sim.model.StorageInfo;
import io.pvebench.sim.model.Task;
import io.pvebench.sim.model.VmConfig;
import io.pvebench.sim.model.VmInfo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The worker of {@code qm migrate <vmid> <target> --online} for a running VM: the log of
 * qemu-server 9.2.6 / 8.4.10 {@code QemuMigrate.pm} ({@code prepare}, {@code phase1},
 * {@code phase2}, {@code phase3_cleanup}) and pve-guest-common {@code AbstractMigrate.pm},
 * checked line by line against a real 8.x log
 * ({@code src/test/resources/outputs/proxmox/pve8-online-ha-dedicated-net.log}). The RAM
 * copy is {@link LiveMigration}'s plan, replayed in model time and kept in the model as a
 * {@link MigrationRecord} (probes see its blackout, the guest its throttle, the link its
 * stream). The VM's disks must lie on shared storage: live storage migration
 * ({@code --with-local-disks}, drive-mirror) is not simulated.
 */
final class QmMigrateOnline {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** What one SSH stream carries with the default cipher (AES-GCM, one core): a model number. */
    static final double TUNNEL_BYTES_PER_SECOND = 450.0 * (1 << 20);
    /** How long QEMU takes to start on the target ({@code qm start --migratedfrom}): a model number. */
    private static final Duration REMOTE_START = Duration.ofMillis(3_400);
    /** Phase 3: resume on the target, stop and clean up on the source: a model number. */
    private static final Duration CLEANUP = Duration.ofMillis(3_600);

    private final ClusterModel model;
    private final Task task;
    private final int vmid;
    private final String source;
    private final String target;
    private final Instant begun;
    /** The model instant the log has reached: lines are stamped with it, not with the (late) wall-driven clock. */
    private Instant at;

    QmMigrateOnline(ClusterModel model, Task task, int vmid, String source, String target) {
        this.model = model;
        this.task = task;
        this.vmid = vmid;
        this.source = source;
        this.target = target;
        this.begun = model.clock().now();
        this.at = begun;
    }

    /**
     * Runs the migration; throws {@link CommandFailure} with the task's end message
     * ({@code migration aborted}, {@code migration problems}) after logging why.
     *
     * @param bwlimitKiBps {@code --bwlimit} in KiB/s, 0 for none
     */
    void run(long bwlimitKiBps, boolean withLocalDisks, boolean conntrack) throws InterruptedException {
        boolean nine = model.profile().release().startsWith("9");
        if (nine && !conntrack) {
            log("conntrack state migration not supported or disabled, active connections might get dropped");
        }
        String ip = model.node(target).ip();
        if (!model.online(target)) {
            log("# /usr/bin/ssh -e none -o 'BatchMode=yes' -o 'HostKeyAlias=" + target + "' root@" + ip
                    + " /bin/true");
            advance(Duration.ofSeconds(3));
            log("ssh: connect to host " + ip + " port 22: No route to host");
            abort("Can't connect to destination address using public key");
        }
        log("starting migration of VM " + vmid + " to node '" + target + "' (" + ip + ")");
        VmConfig conf = model.config(vmid).orElseThrow();
        List<VmConfig.Disk> local = conf.disks().stream()
                .filter(d -> !StorageInfo.of(d.storage()).shared()).toList();
        for (VmConfig.Disk disk : local) {
            log("found local disk '" + disk.volid() + "' (attached)");
        }
        if (!local.isEmpty() && !withLocalDisks) {
            for (VmConfig.Disk disk : local) {
                log("can't migrate local disk '" + disk.volid()
                        + "': can't live migrate attached local disks without with-local-disks option");
            }
            log("aborting phase 1 - cleanup resources");
            abort("can't migrate VM - check log");
        }
        if (!local.isEmpty()) {
            throw new CommandFailure("live storage migration (--with-local-disks) is not simulated by the twin");
        }
        model.setConfig(conf.with("lock", "migrate"));
        try {
            phase2(conf, ip, bwlimitKiBps);
        } finally {
            model.config(vmid).ifPresent(c -> model.setConfig(c.without("lock")));
        }
        log("migration finished successfully (duration " + duration() + ")");
    }

    private void phase2(VmConfig conf, String ip, long bwlimitKiBps) throws InterruptedException {
        log("starting VM " + vmid + " on remote node '" + target + "'");
        advance(REMOTE_START);
        log("start remote tunnel");
        advance(Duration.ofMillis(600));
        log("ssh tunnel ver 1");
        String uri = "unix:/run/qemu-server/" + vmid + ".migrate";
        log("starting online/live migration on " + uri);
        log("set migration capabilities");
        if (bwlimitKiBps > 0) {
            log("migration speed limit: " + Sizes.bytes(bwlimitKiBps * 1024) + "/s");
        }
        long downtimeMs = conf.get("migrate_downtime").map(v -> Math.round(Double.parseDouble(v) * 1000))
                .orElse(100L);
        if (downtimeMs > LiveMigration.DOWNTIME_MAX_MS) {
            log("capping downtime limit to maximum possible: " + LiveMigration.DOWNTIME_MAX_MS + " ms");
            downtimeMs = LiveMigration.DOWNTIME_MAX_MS;
        }
        log("migration downtime limit: " + downtimeMs + " ms");
        VmInfo vm = model.vm(vmid).orElseThrow();
        log("migration cachesize: " + Sizes.bytes(roundPowerOf2(vm.memoryBytes() / 10)));
        log("set migration parameters");
        log("start migrate command to " + uri);
        Instant start = at;
        double rate = Math.min(model.network().uplinkGoodput() / 8, TUNNEL_BYTES_PER_SECOND);
        if (bwlimitKiBps > 0) {
            rate = Math.min(rate, bwlimitKiBps * 1024.0);
        }
        LiveMigration.Plan plan = LiveMigration.plan(new LiveMigration.Params(vm.memoryBytes(),
                        model.vmLoad(vmid).memUsed(), model.dirtyBytesPerSecond(vmid), rate, downtimeMs),
                model.randoms().next("migrate/" + vmid));
        MigrationRecord record = new MigrationRecord(vmid, source, target, start, rate, plan);
        model.recordMigration(record);
        for (LiveMigration.Poll poll : plan.polls()) {
            advanceTo(start.plus(poll.at()));
            if (!model.online(target)) {
                failPhase2(record, ip);
            }
            if (poll.completed()) {
                break;
            }
            if (poll.logged()) {
                String line = "migration active, transferred " + Sizes.bytes(poll.transferred()) + " of "
                        + Sizes.bytes(poll.total()) + " VM-state, " + Sizes.bytes(Math.round(poll.speed())) + "/s";
                if (poll.dirtyRate() > poll.speed()) {
                    line += ", VM dirties lots of memory: " + Sizes.bytes(Math.round(poll.dirtyRate())) + "/s";
                }
                log(line);
            }
            if (poll.increasedDowntimeMs() > 0) {
                log("auto-increased downtime to continue migration: " + poll.increasedDowntimeMs() + " ms");
            }
        }
        // the VM runs on the target from the end of the pause; its config follows in phase 3
        model.moveVm(vmid, target);
        long delay = at.getEpochSecond() - start.getEpochSecond();
        if (delay > 0) {
            log("average migration speed: " + Sizes.bytes(plan.total() / delay) + "/s - downtime "
                    + plan.downtime().toMillis() + " ms");
        }
        log("migration completed, transferred " + Sizes.bytes(plan.transferred()) + " VM-state");
        log("migration status: completed");
        advance(CLEANUP);
    }

    /**
     * The target died during the RAM copy: QEMU's stream through the SSH tunnel breaks,
     * qemu-server cancels and cannot stop the VM on the target ({@code phase2_cleanup}); the
     * VM keeps running on the source. The error text of the broken stream is QEMU's for a
     * failed socket write; what the real one says depends on how the target died.
     */
    private void failPhase2(MigrationRecord record, String ip) {
        model.failMigration(record, at);
        log("migration status error: failed - Unable to write to socket: Broken pipe");
        log("ERROR: online migrate failure - aborting");
        log("aborting phase 2 - cleanup resources");
        log("migrate_cancel");
        model.config(vmid).ifPresent(c -> model.setConfig(c.without("lock")));
        log("ERROR: command '/usr/bin/ssh -e none -o 'BatchMode=yes' -o 'HostKeyAlias=" + target + "' root@" + ip
                + " qm stop " + vmid + " --skiplock --migratedfrom " + source + "' failed: exit code 255");
        log("ERROR: migration finished with problems (duration " + duration() + ")");
        throw new CommandFailure("migration problems");
    }

    /** qemu-server's {@code round_powerof2}: the next power of two not below {@code value}. */
    static long roundPowerOf2(long value) {
        if (value < 2) {
            return 1;
        }
        return 2L << (63 - Long.numberOfLeadingZeros(value - 1));
    }

    private void advance(Duration d) throws InterruptedException {
        advanceTo(at.plus(d));
    }

    /** Waits in model time until {@code instant}, which the log reaches. */
    private void advanceTo(Instant instant) throws InterruptedException {
        at = instant;
        Duration left = Duration.between(model.clock().now(), instant);
        if (!left.isNegative() && !left.isZero()) {
            model.clock().sleep(left);
        }
    }

    private String duration() {
        long seconds = at.getEpochSecond() - begun.getEpochSecond();
        return String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    private void abort(String reason) {
        log("ERROR: migration aborted (duration " + duration() + "): " + reason);
        throw new CommandFailure("migration aborted");
    }

    private void log(String line) {
        task.log(STAMP.format(at) + " " + line);
    }
}
