package io.pvebench.proxmox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VmDisksTest {

    private static final Set<String> SHARED = Set.of("ceph", "nfs-iso");

    @Test
    void aVmWhoseDrivesAreAllOnSharedStorageCanBeClonedToAnotherNode() {
        assertThat(VmDisks.allOnShared(Map.of("scsi0", "ceph:base-9000-disk-0,iothread=1,size=8G",
                "efidisk0", "ceph:base-9000-disk-1,size=4M", "ide2", "none,media=cdrom", "cores", "2",
                "unused0", "local-lvm:vm-9000-disk-3"), SHARED)).isTrue();
    }

    @Test
    void oneLocalDiskOrAnIsoOnLocalStorageOrAPassThroughDiskKeepsTheCloneOnTheSourceNode() {
        assertThat(VmDisks.allOnShared(Map.of("scsi0", "ceph:base-9000-disk-0", "scsi1", "local-lvm:vm-9000-disk-1"),
                SHARED)).isFalse();
        assertThat(VmDisks.allOnShared(Map.of("scsi0", "ceph:base-9000-disk-0",
                "ide2", "local:iso/debian-13.iso,media=cdrom"), SHARED)).isFalse();
        assertThat(VmDisks.allOnShared(Map.of("scsi0", "/dev/disk/by-id/ata-X,size=1T"), SHARED)).isFalse();
    }
}
