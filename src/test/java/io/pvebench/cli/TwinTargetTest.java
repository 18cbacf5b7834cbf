package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.pipeline.TemplateClones;
import io.pvebench.pipeline.TwinCluster;
import io.pvebench.pipeline.VmSpec;
import io.pvebench.ssh.JschRemoteShell;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The twin a pipeline starts is the one it describes, reached with host keys checked. */
@Tag("sim")
class TwinTargetTest {

    @Test
    void aPipelinesQdeviceAndVmsAreOnTheTwinItStarts() {
        VmSpec spec = new VmSpec("small", 4, 4L << 30, List.of(101, 102));
        try (ClusterTarget target = TwinTarget.start(new TwinCluster(2, "9.2", 50, true), List.of(spec), 3);
             JschRemoteShell shell = new JschRemoteShell(target.ssh())) {
            String pvecm = shell.run(target.hosts().get("pve1"), "pvecm status", Duration.ofSeconds(20)).stdout();
            assertThat(pvecm).contains("Flags:            Quorate Qdevice").contains(" Qdevice");
            String list = shell.run(target.hosts().get("pve2"), "qm list", Duration.ofSeconds(20)).stdout();
            assertThat(list).contains("102").contains("small-102").doesNotContain("small-101");
        }
    }

    @Test
    void aPipelinesVmsLieOnSharedStorageSoTheyMigrateLive() {
        VmSpec spec = new VmSpec("small", 4, 4L << 30, List.of(101, 102));
        try (ClusterTarget target = TwinTarget.start(new TwinCluster(2, "9.2", 50), List.of(spec), 3);
             JschRemoteShell shell = new JschRemoteShell(target.ssh())) {
            String config = shell.run(target.hosts().get("pve1"), "qm config 101", Duration.ofSeconds(20)).stdout();
            assertThat(config).contains("nfs-vmstore:vm-101-disk-0");
            var migrate = shell.run(target.hosts().get("pve1"), "qm migrate 101 pve2 --online", Duration.ofSeconds(60));
            assertThat(migrate.exitCode()).as(migrate.stdout() + migrate.stderr()).isZero();
            assertThat(migrate.stdout()).contains("migration finished successfully");
            assertThat(shell.run(target.hosts().get("pve2"), "qm status 101", Duration.ofSeconds(20)).stdout())
                    .isEqualTo("status: running\n");
        }
    }

    @Test
    void aSpecThatClonesFromATemplateFindsTheTemplateOnPve1() {
        VmSpec spec = new VmSpec("small", 4, 4L << 30, new TemplateClones(9000));
        try (ClusterTarget target = TwinTarget.start(new TwinCluster(2, "9.2", 50), List.of(spec), 3);
             JschRemoteShell shell = new JschRemoteShell(target.ssh())) {
            String config = shell.run(target.hosts().get("pve1"), "qm config 9000", Duration.ofSeconds(20)).stdout();
            assertThat(config).contains("template: 1\n", "scsi0: local-lvm:base-9000-disk-0,iothread=1,size=8G\n");
            assertThat(shell.run(target.hosts().get("pve1"), "pvesh get /cluster/nextid", Duration.ofSeconds(20))
                    .stdout()).isEqualTo("100\n");
        }
    }
}
