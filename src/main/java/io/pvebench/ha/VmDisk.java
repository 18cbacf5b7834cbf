package io.pvebench.ha;

import java.util.Objects;

/**
 * One drive of a VM with the storage its volume is on.
 *
 * @param drive   {@code scsi0}, {@code efidisk0}, {@code tpmstate0}
 * @param storage storage id of its volume ({@code local-lvm} for {@code local-lvm:vm-101-disk-0})
 */
public record VmDisk(String drive, String storage) {

    public VmDisk {
        Objects.requireNonNull(drive, "drive");
        Objects.requireNonNull(storage, "storage");
    }
}
