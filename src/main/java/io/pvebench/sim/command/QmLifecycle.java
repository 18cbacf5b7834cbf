package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.StorageInfo;
import io.pvebench.sim.model.Task;
import io.pvebench.sim.model.VmConfig;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The VM lifecycle commands of {@code qm}: {@code start}, {@code stop}, {@code shutdown},
 * {@code destroy}, {@code clone}, {@code template} (each a task, see {@link TaskRunner}),
 * {@code set} and {@code config} (synchronous). Checks, messages, task types and log lines
 * follow qemu-server 9.2.6 {@code src/PVE/API2/Qemu.pm} ({@code vm_start}, {@code vm_stop},
 * {@code vm_shutdown}, {@code destroy_vm}, {@code clone_vm}, {@code template},
 * {@code $update_vm_api}), {@code src/PVE/QemuServer.pm} ({@code vm_start},
 * {@code _do_vm_stop}, {@code clone_disk}, {@code template_create}),
 * {@code QemuServer/QemuImage.pm} ({@code convert} progress), {@code QemuServer/BlockJob.pm}
 * (drive-mirror progress), {@code CLI/qm.pm} (which commands exit 255 on a failed task,
 * {@code config} printing) and pve-guest-common {@code AbstractConfig.pm}
 * ({@code check_lock}, {@code load_config}). A check Proxmox makes before forking the
 * worker fails the command without a task; one inside the worker ends the task with
 * {@code TASK ERROR}. On the 8.4 profile the clone log follows qemu-server 8.4.10
 * ({@code stable-bookworm}): no {@code creating a clone} and {@code allocated target volume}
 * lines, mirror job {@code drive-<disk>}, {@code freeze filesystem}. LVM-thin lines ({@code Logical volume "..." created.}) are what
 * lvcreate/lvremove/lvrename print on {@code local-lvm}; other storages print nothing.
 * Durations are model time. Not simulated: HA-managed VMs ({@code hastart}/{@code hastop}),
 * snapshots, pools, protection, hook scripts.
 */
final class QmLifecycle {

    private static final Set<String> NONE = Set.of();

    /** pve-common {@code JSONSchema.pm} {@code $PVE_TAG_RE}, matched case-insensitively ({@code pve-tag-list}). */
    private static final java.util.regex.Pattern PVE_TAG = java.util.regex.Pattern.compile(
            "[a-z0-9_][a-z0-9_\\-+.]*", java.util.regex.Pattern.CASE_INSENSITIVE);

    Reply start(Invocation inv) throws InterruptedException {
        QmArgs a = QmArgs.parse("qm start <vmid> [OPTIONS]", rest(inv), List.of("vmid"),
                Set.of("skiplock", "timeout", "machine", "force-cpu"), Set.of("skiplock"));
        int vmid = a.vmid(0);
        checkQuorum(inv);
        return TaskRunner.cli(inv, "qmstart", Integer.toString(vmid), true, task -> {
            ClusterModel model = inv.model();
            VmConfig conf = loadConfig(inv, vmid);
            if (conf.template()) {
                throw new CommandFailure("you can't start a vm if it's a template");
            }
            if (!a.flag("skiplock")) {
                checkLock(conf);
            }
            if (model.running(vmid)) {
                throw new CommandFailure("VM " + vmid + " already running");
            }
            Random r = model.randoms().next("qm/start/" + vmid);
            model.clock().sleep(Duration.ofMillis(1_200 + r.nextInt(1_800)));
            model.startVm(vmid);
        });
    }

    Reply stop(Invocation inv) throws InterruptedException {
        QmArgs a = QmArgs.parse("qm stop <vmid> [OPTIONS]", rest(inv), List.of("vmid"),
                Set.of("skiplock", "timeout", "keepActive", "overrule-shutdown"),
                Set.of("skiplock", "keepActive", "overrule-shutdown"));
        int vmid = a.vmid(0);
        return TaskRunner.cli(inv, "qmstop", Integer.toString(vmid), true, task -> {
            stopVm(inv, vmid, a.flag("skiplock"), Duration.ofMillis(600 + inv.model().randoms()
                    .next("qm/stop/" + vmid).nextInt(900)));
        });
    }

    Reply shutdown(Invocation inv) throws InterruptedException {
        QmArgs a = QmArgs.parse("qm shutdown <vmid> [OPTIONS]", rest(inv), List.of("vmid"),
                Set.of("skiplock", "timeout", "forceStop", "keepActive"), Set.of("skiplock", "forceStop", "keepActive"));
        int vmid = a.vmid(0);
        return TaskRunner.cli(inv, "qmshutdown", Integer.toString(vmid), true, task -> {
            stopVm(inv, vmid, a.flag("skiplock"), Duration.ofMillis(3_000 + inv.model().randoms()
                    .next("qm/shutdown/" + vmid).nextInt(5_000)));
        });
    }

    /** {@code _do_vm_stop}: nothing to do for a stopped VM; a locked one refuses. */
    private void stopVm(Invocation inv, int vmid, boolean skiplock, Duration takes) throws InterruptedException {
        ClusterModel model = inv.model();
        assertConfigOnNode(inv, vmid);
        if (!model.running(vmid)) {
            return;
        }
        if (!skiplock) {
            checkLock(loadConfig(inv, vmid));
        }
        model.clock().sleep(takes);
        model.stopVm(vmid);
    }

    Reply destroy(Invocation inv) throws InterruptedException {
        QmArgs a = QmArgs.parse("qm destroy <vmid> [OPTIONS]", rest(inv), List.of("vmid"),
                Set.of("skiplock", "purge", "destroy-unreferenced-disks"),
                Set.of("skiplock", "purge", "destroy-unreferenced-disks"));
        int vmid = a.vmid(0);
        ClusterModel model = inv.model();
        loadConfig(inv, vmid);
        if (model.running(vmid)) {
            throw new CommandFailure("VM " + vmid + " is running - destroy failed");
        }
        return TaskRunner.cli(inv, "qmdestroy", Integer.toString(vmid), true, task -> {
            VmConfig conf = loadConfig(inv, vmid);
            if (model.running(vmid)) {
                throw new CommandFailure("VM " + vmid + " is running - destroy failed");
            }
            if (!a.flag("skiplock")) {
                checkLock(conf);
            }
            for (VmConfig.Disk disk : conf.disks()) {
                if (disk.imageName().startsWith("base-") && linkedClonesOf(model, disk)) {
                    throw new CommandFailure("base volume '" + disk.volid() + "' is still in use by linked cloned");
                }
            }
            model.clock().sleep(Duration.ofMillis(700));
            for (VmConfig.Disk disk : conf.disks()) {
                if (StorageInfo.of(disk.storage()).type().equals("lvmthin")) {
                    task.log("  Logical volume \"" + disk.imageName() + "\" successfully removed.");
                }
            }
            if (a.flag("purge")) {
                task.log("purging VM " + vmid + " from related configurations..");
            }
            model.removeVm(vmid);
        });
    }

    private static boolean linkedClonesOf(ClusterModel model, VmConfig.Disk base) {
        String prefix = base.volname() + "/";
        for (var vm : model.vms()) {
            Optional<VmConfig> c = model.config(vm.vmid());
            if (c.isPresent() && c.get().disks().stream()
                    .anyMatch(d -> d.storage().equals(base.storage()) && d.volname().startsWith(prefix))) {
                return true;
            }
        }
        return false;
    }

    Reply template(Invocation inv) throws InterruptedException {
        QmArgs a = QmArgs.parse("qm template <vmid> [OPTIONS]", rest(inv), List.of("vmid"), Set.of("disk"), NONE);
        int vmid = a.vmid(0);
        ClusterModel model = inv.model();
        checkTemplatable(inv, vmid);
        // qm.pm has no $upid_exit for template: a failed worker still exits 0
        return TaskRunner.cli(inv, "qmtemplate", Integer.toString(vmid), false, task -> {
            VmConfig conf = checkTemplatable(inv, vmid).with("template", "1");
            model.setConfig(conf);
            for (VmConfig.Disk disk : conf.disks()) {
                if (a.option("disk").isPresent() && !a.option("disk").get().equals(disk.key())) {
                    continue;
                }
                String image = disk.imageName();
                String base = disk.baseImageName();
                String volname = disk.baseVolname();
                if (StorageInfo.of(disk.storage()).type().equals("lvmthin")) {
                    task.log("  Renamed \"" + image + "\" to \"" + base + "\" in volume group \"pve\"");
                    task.log("  Logical volume pve/" + base + " changed.");
                }
                model.clock().sleep(Duration.ofMillis(300));
                conf = conf.with(disk.key(), conf.values().get(disk.key()).replace(disk.volid(),
                        disk.storage() + ":" + volname));
                model.setConfig(conf);
            }
        });
    }

    private VmConfig checkTemplatable(Invocation inv, int vmid) {
        VmConfig conf = loadConfig(inv, vmid);
        checkLock(conf);
        if (conf.template()) {
            throw new CommandFailure("you can't convert a template to a template");
        }
        if (inv.model().running(vmid)) {
            throw new CommandFailure("you can't convert a VM to template if VM is running");
        }
        return conf;
    }

    Reply clone(Invocation inv) throws InterruptedException {
        QmArgs a = QmArgs.parse("qm clone <vmid> <newid> [OPTIONS]", rest(inv), List.of("vmid", "newid"),
                Set.of("name", "full", "target", "storage", "description", "format", "pool", "snapname", "bwlimit"),
                Set.of("full"));
        int vmid = a.vmid(0);
        int newid = a.vmid(1);
        ClusterModel model = inv.model();
        String local = inv.node().name();
        String target = a.option("target").filter(t -> !t.equals(local) && !t.equals("localhost")).orElse(null);
        boolean running = model.running(vmid) && local.equals(model.nodeOf(vmid));
        assertConfigOnNode(inv, vmid);
        if (a.option("name").isPresent() && !a.option("name").get()
                .matches("(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?)(\\.[a-zA-Z0-9]([a-zA-Z0-9\\-]*"
                        + "[a-zA-Z0-9])?)*")) {
            throw QmArgs.usage("qm clone <vmid> <newid> [OPTIONS]", "400 Parameter verification failed.\nname: "
                    + "invalid format - value does not look like a valid DNS name");
        }
        checkClone(inv, a, vmid, newid, target, running); // early checks before forking
        return TaskRunner.cli(inv, "qmclone", Integer.toString(vmid), true, task -> {
            CloneCheck c = checkClone(inv, a, vmid, newid, target, running);
            runClone(inv, task, a, vmid, newid, target, running, c);
        });
    }

    private record CloneCheck(VmConfig source, boolean full) {
    }

    /** {@code $load_and_check} of {@code clone_vm}. */
    private CloneCheck checkClone(Invocation inv, QmArgs a, int vmid, int newid, String target, boolean running) {
        ClusterModel model = inv.model();
        if (target != null && model.nodes().stream().noneMatch(n -> n.name().equals(target))) {
            throw new CommandFailure("no such cluster node '" + target + "'");
        }
        String storage = a.option("storage").orElse(null);
        if (storage != null) {
            if (StorageInfo.all(model).stream().noneMatch(st -> st.id().equals(storage))) {
                throw new CommandFailure("storage '" + storage + "' does not exist");
            }
            StorageInfo info = StorageInfo.of(storage);
            if (!info.content().contains("images")) {
                throw new CommandFailure("400 Parameter verification failed.\nstorage: storage '" + storage
                        + "' does not support vm images");
            }
            if (target != null && !info.shared()) {
                throw new CommandFailure("can't clone to non-shared storage '" + storage + "'");
            }
        }
        checkQuorum(inv);
        VmConfig conf = loadConfig(inv, vmid);
        checkLock(conf);
        if (running != model.running(vmid)) {
            throw new CommandFailure("unexpected state change");
        }
        boolean full = a.option("full").map("1"::equals).orElse(!conf.template());
        if (storage != null && !full) {
            throw new CommandFailure("parameter 'storage' not allowed for linked clones");
        }
        if (a.option("format").isPresent() && !full) {
            throw new CommandFailure("parameter 'format' not allowed for linked clones");
        }
        boolean shared = true;
        for (VmConfig.Disk disk : conf.disks()) {
            String sid = storage != null ? storage : disk.storage();
            shared &= StorageInfo.of(sid).shared();
            if (!full && !disk.imageName().startsWith("base-")) {
                throw new CommandFailure("Linked clone feature is not supported for '" + disk.volid() + "' ("
                        + disk.key() + ")");
            }
        }
        if (target != null && !shared) {
            throw new CommandFailure("can't clone VM to node '" + target + "' (VM uses local storage)");
        }
        if (inv.node().name().equals(model.nodeOf(newid))) {
            throw new CommandFailure("unable to create VM " + newid + ": config file already exists");
        }
        return new CloneCheck(conf, full);
    }

    private void runClone(Invocation inv, Task task, QmArgs a, int vmid, int newid, String target, boolean running,
                          CloneCheck check) throws InterruptedException {
        ClusterModel model = inv.model();
        String local = inv.node().name();
        VmConfig source = check.source();
        if (pve9(model)) { // the line came with qemu-server 9; 8.4.10 has no such line
            task.log("creating a clone of VM " + vmid + " with ID " + newid);
        }
        Random r = model.randoms().next("qm/clone/" + newid);
        Map<String, String> values = new TreeMap<>();
        for (var e : source.values().entrySet()) {
            String k = e.getKey();
            if (k.matches("unused\\d+|parent|snaptime|vmstate|snapstate|runningcpu|runningmachine|template"
                    + "|running-nets-host-mtu") || isDisk(source, k)) {
                continue;
            }
            values.put(k, e.getValue());
        }
        for (String k : List.copyOf(values.keySet())) {
            if (k.matches("net\\d+")) {
                values.put(k, values.get(k).replaceFirst("=([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}",
                        "=" + String.format("BC:24:11:%02X:%02X:%02X", r.nextInt(256), r.nextInt(256), r.nextInt(256))));
            }
        }
        // a new smbios1 uuid (the twin's configs carry no other smbios1 keys)
        values.put("smbios1", "uuid=" + VmConfig.uuid(r));
        if (values.containsKey("vmgenid")) {
            values.put("vmgenid", VmConfig.uuid(r));
        }
        values.put("name", a.option("name").orElse("Copy-of-VM-" + source.get("name").orElse(Integer.toString(vmid))));
        a.option("description").ifPresent(d -> values.put("description", d));
        values.put("lock", "clone");
        synchronized (model) {
            if (model.vm(newid).isPresent()) {
                // pmxcfs refuses a second config for a vmid that another node holds (EEXIST)
                throw new CommandFailure("close (rename) atomic file '/etc/pve/nodes/" + local + "/qemu-server/"
                        + newid + ".conf' failed: File exists");
            }
            model.addVm(new VmConfig(newid, Map.of("lock", "clone"), Map.of()), local);
        }
        try {
            VmConfig conf = new VmConfig(newid, values, Map.of());
            List<VmConfig.Disk> disks = source.disks();
            Set<String> used = new HashSet<>();
            for (int i = 0; i < disks.size(); i++) {
                VmConfig.Disk disk = disks.get(i);
                String volname = cloneDisk(inv, task, disk, newid, check.full(), running, a, used, i == disks.size() - 1);
                String storage = check.full() ? a.option("storage").orElse(disk.storage()) : disk.storage();
                String line = source.values().get(disk.key()).replace(disk.volid(), storage + ":" + volname);
                conf = conf.with(disk.key(), line);
                model.setConfig(conf);
            }
            conf = conf.without("lock");
            model.setConfig(conf);
            if (target != null) {
                model.moveVm(newid, target);
            }
        } catch (InterruptedException | RuntimeException e) {
            model.removeVm(newid);
            if (e instanceof CommandFailure f) {
                throw new CommandFailure("clone failed: " + f.getMessage());
            }
            throw e;
        }
    }

    private static boolean isDisk(VmConfig conf, String key) {
        return conf.disks().stream().anyMatch(d -> d.key().equals(key));
    }

    /** {@code clone_disk}: returns the new volume name. */
    private String cloneDisk(Invocation inv, Task task, VmConfig.Disk disk, int newid, boolean full, boolean running,
                             QmArgs a, Set<String> used, boolean last) throws InterruptedException {
        ClusterModel model = inv.model();
        String storage = full ? a.option("storage").orElse(disk.storage()) : disk.storage();
        String kind = disk.key().startsWith("efidisk") ? "vm-" + newid + "-efidisk" : "vm-" + newid + "-disk";
        int n = 0;
        while (used.contains(storage + ":" + kind + "-" + n)) {
            n++;
        }
        used.add(storage + ":" + kind + "-" + n);
        String image = kind + "-" + n;
        boolean lvm = StorageInfo.of(storage).type().equals("lvmthin");
        task.log("create " + (full ? "full" : "linked") + " clone of drive " + disk.key() + " (" + disk.volid() + ")");
        if (!full) {
            model.clock().sleep(Duration.ofMillis(400));
            if (lvm) {
                task.log("  Logical volume \"" + image + "\" created.");
            }
            return disk.volname() + "/" + image;
        }
        if (lvm) {
            task.log("  Logical volume \"" + image + "\" created.");
        }
        if (pve9(model)) {
            task.log("allocated target volume '" + storage + ":" + image + "'");
        }
        long size = disk.sizeBytes();
        long speed = Math.min(StorageInfo.of(disk.storage()).copyBytesPerSecond(),
                StorageInfo.of(storage).copyBytesPerSecond());
        if (running) {
            mirror(inv, task, disk, size, speed, last);
        } else {
            // qemu-img convert -p: one line per percent
            Duration step = Duration.ofNanos(Math.max(1, (long) (size * 1e9 / speed / 100)));
            for (int p = 0; p <= 100; p++) {
                if (p > 0) {
                    model.clock().sleep(step);
                }
                long done = size * p / 100;
                task.log("transferred " + Sizes.bytes(done) + " of " + Sizes.bytes(size) + " ("
                        + String.format(Locale.ROOT, "%.2f", (double) p) + "%)");
            }
        }
        return image;
    }

    /** Drive mirror of a running VM's disk ({@code BlockJob.pm}), one progress line per second. */
    private void mirror(Invocation inv, Task task, VmConfig.Disk disk, long size, long speed, boolean last)
            throws InterruptedException {
        ClusterModel model = inv.model();
        String job = (pve9(model) ? "mirror-" : "drive-") + disk.key();
        task.log("drive mirror is starting for drive-" + disk.key());
        long done = 0;
        int seconds = 0;
        while (done < size) {
            model.clock().sleep(Duration.ofSeconds(1));
            seconds++;
            done = Math.min(size, done + speed);
            String status = "transferred " + Sizes.bytes(done) + " of " + Sizes.bytes(size) + " ("
                    + String.format(Locale.ROOT, "%.2f", done * 100.0 / size) + "%) in " + seconds + "s";
            task.log(job + ": " + status + (done == size ? ", ready" : ""));
        }
        task.log("all 'mirror' jobs are ready");
        if (last) {
            task.log(pve9(model) ? "issuing guest agent 'guest-fsfreeze-freeze' command" : "freeze filesystem");
            task.log(job + ": Cancelling block job");
            task.log(job + ": Done.");
            task.log(pve9(model) ? "issuing guest agent 'guest-fsfreeze-thaw' command" : "unfreeze filesystem");
        }
    }

    Reply set(Invocation inv) {
        String usage = "qm set <vmid> [OPTIONS]";
        QmArgs a = QmArgs.parse(usage, rest(inv), List.of("vmid"),
                Set.of("cores", "sockets", "memory", "name", "tags", "onboot", "description", "delete", "skiplock",
                        "digest", "agent"), Set.of("onboot", "skiplock"));
        int vmid = a.vmid(0);
        Map<String, String> changes = new TreeMap<>(a.options);
        changes.remove("skiplock");
        changes.remove("digest");
        for (String key : List.of("cores", "sockets")) {
            if (changes.containsKey(key)) {
                String v = changes.get(key);
                if (!v.matches("[0-9]+")) {
                    throw QmArgs.usage(usage, "400 Parameter verification failed.\n" + key
                            + ": type check ('integer') failed - got '" + v + "'");
                }
                if (Integer.parseInt(v) < 1) {
                    throw QmArgs.usage(usage, "400 Parameter verification failed.\n" + key
                            + ": value must have a minimum value of 1");
                }
            }
        }
        if (changes.containsKey("memory")) {
            String v = changes.get("memory").replaceFirst("^current=", "");
            if (!v.matches("[0-9]+") || Long.parseLong(v) < 16) {
                throw QmArgs.usage(usage, "400 Parameter verification failed.\nmemory: invalid format - "
                        + "value must have a minimum value of 16");
            }
        }
        if (changes.containsKey("tags")) {
            for (String tag : changes.get("tags").split("[;,\\s]+")) {
                if (!tag.isEmpty() && !PVE_TAG.matcher(tag).matches()) {
                    throw QmArgs.usage(usage, "400 Parameter verification failed.\ntags: invalid format - "
                            + "invalid characters in tag");
                }
            }
            changes.put("tags", uniqueTags(changes.get("tags")));
        }
        if (changes.isEmpty()) {
            throw new CommandFailure("no options specified");
        }
        ClusterModel model = inv.model();
        StringBuilder log = new StringBuilder("update VM " + vmid + ":");
        new TreeMap<>(a.options).forEach((k, v) -> log.append(" -").append(k).append(' ').append(v));
        synchronized (model) {
            VmConfig conf = loadConfig(inv, vmid);
            if (!a.flag("skiplock")) {
                checkLock(conf);
            }
            boolean running = model.running(vmid);
            for (var e : changes.entrySet()) {
                if (e.getKey().equals("delete")) {
                    for (String key : e.getValue().split("[,; ]+")) {
                        conf = conf.without(key);
                    }
                } else if (running && Set.of("cores", "sockets", "memory").contains(e.getKey())) {
                    conf = conf.withPending(e.getKey(), e.getValue());
                } else {
                    conf = conf.with(e.getKey(), e.getValue());
                }
            }
            model.setConfig(conf);
        }
        return Reply.ok(log + "\n");
    }

    /** pve-guest-common {@code get_unique_tags}: split at {@code ; , space}, lower case, drop duplicates, sorted. */
    private static String uniqueTags(String tags) {
        Set<String> unique = new TreeSet<>();
        for (String t : tags.split("[;, ]+")) {
            if (!t.isEmpty()) {
                unique.add(t.toLowerCase(Locale.ROOT));
            }
        }
        return String.join(";", unique);
    }

    Reply config(Invocation inv) {
        QmArgs a = QmArgs.parse("qm config <vmid> [OPTIONS]", rest(inv), List.of("vmid"), Set.of("current", "snapshot"),
                Set.of("current"));
        VmConfig conf = loadConfig(inv, a.vmid(0));
        Map<String, String> shown = new TreeMap<>(a.flag("current") ? conf.values() : conf.applyPending().values());
        StringBuilder out = new StringBuilder();
        shown.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
        return Reply.ok(out.toString());
    }

    // --- shared checks ---

    /** qemu-server 9.x log lines; 8.4 ({@code stable-bookworm}, 8.4.10) lacks some and words others differently. */
    private static boolean pve9(ClusterModel model) {
        return model.profile().release().startsWith("9");
    }

    private static List<String> rest(Invocation inv) {
        return inv.args().subList(1, inv.args().size());
    }

    /** {@code PVE::Cluster::check_cfs_quorum}. */
    private static void checkQuorum(Invocation inv) {
        if (!inv.model().quorate(inv.node().name())) {
            throw new CommandFailure("cluster not ready - no quorum?");
        }
    }

    /** {@code load_config}: the VM's config on this node. */
    static VmConfig loadConfig(Invocation inv, int vmid) {
        String node = inv.node().name();
        if (!node.equals(inv.model().nodeOf(vmid))) {
            throw new CommandFailure("Configuration file 'nodes/" + node + "/qemu-server/" + vmid
                    + ".conf' does not exist");
        }
        return inv.model().config(vmid).orElseThrow();
    }

    /** {@code check_running}'s {@code assert_config_exists_on_node}. */
    private static void assertConfigOnNode(Invocation inv, int vmid) {
        String node = inv.node().name();
        if (!node.equals(inv.model().nodeOf(vmid))) {
            throw new CommandFailure("unable to find configuration file for VM " + vmid + " on node '" + node + "'");
        }
    }

    private static void checkLock(VmConfig conf) {
        if (conf.lock().isPresent()) {
            throw new CommandFailure("VM is locked (" + conf.lock().get() + ")");
        }
    }
}
