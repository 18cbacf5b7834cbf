package io.pvebench.sim.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A VM config's shape (qemu-server {@code QemuServer.pm} {@code $confdesc}, pve-common {@code format_size}). */
class VmConfigTest {

    private final VmConfig conf = VmConfig.created(100, "web", 4, 4L << 30, 32L << 30, "local-lvm",
            "BC:24:11:01:02:03", "11.0.0", 1_760_000_000L, new Random(1));

    @Test
    void aNewVmHasTheKeysOfAWebUiVmAndItsDiskOnTheStorage() {
        assertThat(conf.values()).containsEntry("memory", "4096").containsEntry("cores", "4")
                .containsEntry("net0", "virtio=BC:24:11:01:02:03,bridge=vmbr0,firewall=1")
                .containsEntry("scsi0", "local-lvm:vm-100-disk-0,iothread=1,size=32G")
                .containsEntry("meta", "creation-qemu=11.0.0,ctime=1760000000")
                .containsKeys("smbios1", "vmgenid", "ostype", "scsihw", "boot", "agent");
        assertThat(conf.disks()).containsExactly(new VmConfig.Disk("scsi0", "local-lvm", "vm-100-disk-0", 32L << 30));
        assertThat(conf.bootDiskBytes()).isEqualTo(32L << 30);
        assertThat(conf.mac()).isEqualTo("BC:24:11:01:02:03");
        assertThat(conf.fileText()).startsWith("agent: 1\nboot: order=scsi0;net0\ncores: 4\n");
        assertThat(conf.digest()).matches("[0-9a-f]{40}");
    }

    @Test
    void sizesUseTheLargestUnitThatDividesThem() {
        assertThat(VmConfig.size(32L << 30)).isEqualTo("32G");
        assertThat(VmConfig.size(1L << 40)).isEqualTo("1T");
        assertThat(VmConfig.size(4L << 20)).isEqualTo("4M");
        assertThat(VmConfig.size(1536L << 20)).isEqualTo("1536M");
        assertThat(VmConfig.parseSize("1536M")).isEqualTo(1536L << 20);
    }

    @Test
    void pendingChangesShowOnlyOnceApplied() {
        VmConfig pending = conf.withPending("cores", "8");
        assertThat(pending.cores()).isEqualTo(4);
        assertThat(pending.fileText()).contains("\n[PENDING]\ncores: 8\n");
        assertThat(pending.applyPending().cores()).isEqualTo(8);
        assertThat(pending.applyPending().pending()).isEmpty();
    }

    @Test
    void aLinkedCloneDiskNamesItsBaseAndItsOwnImage() {
        VmConfig linked = conf.with("scsi0", "local-lvm:base-100-disk-0/vm-130-disk-0,iothread=1,size=32G");
        VmConfig.Disk disk = linked.disks().get(0);
        assertThat(disk.imageName()).isEqualTo("vm-130-disk-0");
        assertThat(disk.volid()).isEqualTo("local-lvm:base-100-disk-0/vm-130-disk-0");
    }
}
