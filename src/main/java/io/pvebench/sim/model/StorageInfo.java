package io.pvebench.sim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One storage of the cluster as {@code storage.cfg} defines it: id, plugin type
 * ({@code dir}, {@code lvmthin}, {@code rbd}, ...), whether every node sees the same
 * volumes ({@code shared}), and its content types. Every node has {@code local} (dir, for
 * ISOs and backups) and {@code local-lvm} (lvmthin, VM disks, volume group {@code pve}).
 * Any other storage a VM names is taken as shared; this is a seam for Ceph or ZFS over
 * iSCSI, whose own behaviour is not modelled.
 */
public record StorageInfo(String id, String type, boolean shared, String content) {

    public static final String LOCAL_LVM = "local-lvm";

    /** The storage with this id: the two local ones, or a shared one typed by its name. */
    public static StorageInfo of(String id) {
        return switch (id) {
            case "local" -> new StorageInfo(id, "dir", false, "backup,iso,vztmpl");
            case LOCAL_LVM -> new StorageInfo(id, "lvmthin", false, "images,rootdir");
            default -> new StorageInfo(id, sharedType(id), true, "images,rootdir");
        };
    }

    private static String sharedType(String id) {
        if (id.contains("nfs")) {
            return "nfs";
        }
        if (id.contains("zfs") || id.contains("iscsi")) {
            return "zfs";
        }
        return "rbd";
    }

    /** Bytes per second a full copy of a disk on this storage reaches (model number). */
    public long copyBytesPerSecond() {
        return switch (type) {
            case "lvmthin" -> 900L << 20;
            case "dir" -> 600L << 20;
            default -> 280L << 20;
        };
    }

    /** Every storage of the cluster: {@code local}, {@code local-lvm}, then the shared ones VMs use, by id. */
    public static List<StorageInfo> all(ClusterModel model) {
        TreeSet<String> shared = new TreeSet<>();
        for (VmInfo vm : model.vms()) {
            model.config(vm.vmid()).ifPresent(c -> c.disks().forEach(d -> shared.add(d.storage())));
        }
        shared.remove("local");
        shared.remove(LOCAL_LVM);
        List<StorageInfo> result = new ArrayList<>(List.of(of("local"), of(LOCAL_LVM)));
        shared.forEach(id -> result.add(of(id)));
        return result;
    }

    /** Size in bytes of a VM storage: a 1.7 TiB thin pool per node, 6 TiB for a shared pool. */
    public long sizeBytes() {
        return shared ? 6L << 40 : 1_740L << 30;
    }

    /**
     * Bytes used on this storage seen from {@code node}: a third of each disk's size (thin
     * provisioning; a linked clone's own volume counts nothing); a shared storage counts
     * every node's disks.
     */
    public long usedBytes(ClusterModel model, String node) {
        long used = 0;
        for (VmInfo vm : model.vms()) {
            if (!shared && !node.equals(model.nodeOf(vm.vmid()))) {
                continue;
            }
            for (VmConfig.Disk d : model.config(vm.vmid()).map(VmConfig::disks).orElse(List.of())) {
                if (d.storage().equals(id) && !d.volname().contains("/")) {
                    used += d.sizeBytes() / 3;
                }
            }
        }
        return used;
    }
}
