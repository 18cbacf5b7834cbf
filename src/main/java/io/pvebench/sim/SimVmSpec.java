package io.pvebench.sim;

import java.util.Objects;

/**
 * One VM of the twin at start: where it runs and how big it is. Memory and disk in bytes.
 * The disk ({@code scsi0}) lies on {@code storage}: {@code local-lvm} (each node's own
 * LVM-thin pool, the default) or the name of a shared storage such as {@code ceph}, which
 * every node sees (clones to other nodes, later migration without moving disks). A
 * {@code template} is a VM made a template with {@code qm template} before the twin
 * started: {@code template: 1}, its disk a base volume, never running.
 */
public record SimVmSpec(int vmid, String name, String node, int cores, long memoryBytes, long diskBytes,
                        String storage, boolean template) {

    /** 32 GiB default disk size. */
    public static final long DEFAULT_DISK = 32L << 30;

    public SimVmSpec {
        if (vmid < 100 || vmid > 999_999_999) {
            throw new IllegalArgumentException("vmid must be 100..999999999: " + vmid);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(node, "node");
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1: " + cores);
        }
        if (memoryBytes < 16L * 1024 * 1024) {
            throw new IllegalArgumentException("memoryBytes too small: " + memoryBytes);
        }
        if (diskBytes < 1L << 20) {
            throw new IllegalArgumentException("diskBytes too small: " + diskBytes);
        }
        storage = storage == null ? "local-lvm" : storage;
        if (!storage.matches("[a-z][a-z0-9\\-_.]*[a-z0-9]") || storage.equals("local")) {
            throw new IllegalArgumentException("not a storage for VM disks: " + storage);
        }
    }

    /** A running VM (not a template) with its disk of {@code diskBytes} on {@code storage}. */
    public SimVmSpec(int vmid, String name, String node, int cores, long memoryBytes, long diskBytes,
                     String storage) {
        this(vmid, name, node, cores, memoryBytes, diskBytes, storage, false);
    }

    /** A running VM with a 32 GiB disk on {@code local-lvm}. */
    public SimVmSpec(int vmid, String name, String node, int cores, long memoryBytes) {
        this(vmid, name, node, cores, memoryBytes, DEFAULT_DISK, "local-lvm");
    }

    /** The same VM with its disk of {@code bytes} on {@code storageId}. */
    public SimVmSpec withDisk(long bytes, String storageId) {
        return new SimVmSpec(vmid, name, node, cores, memoryBytes, bytes, storageId, template);
    }

    /** The same VM made a template ({@code qm template}) before the twin starts. */
    public SimVmSpec asTemplate() {
        return new SimVmSpec(vmid, name, node, cores, memoryBytes, diskBytes, storage, true);
    }
}
