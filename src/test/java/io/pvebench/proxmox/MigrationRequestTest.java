package io.pvebench.proxmox;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationRequestTest {

    @Test
    void plainRequestIsAnOnlineMigration() {
        assertThat(MigrationRequest.plain(101, "pve1", "pve2").words())
                .containsExactly("qm", "migrate", "101", "pve2", "--online");
    }

    @Test
    void everyOptionBecomesItsQmMigrateFlag() {
        MigrationRequest request = new MigrationRequest(101, "pve1", "pve2", true, Optional.of("local-lvm"),
                OptionalLong.of(102400), Optional.of("10.10.10.0/24"), true);

        assertThat(request.words()).containsExactly("qm", "migrate", "101", "pve2", "--online",
                "--with-local-disks", "--targetstorage", "local-lvm", "--bwlimit", "102400",
                "--migration_network", "10.10.10.0/24", "--with-conntrack-state");
    }

    @Test
    void storageMapIsAccepted() {
        assertThat(new MigrationRequest(101, "pve1", "pve2", true, Optional.of("local-lvm:ceph,nfs:ceph"),
                OptionalLong.empty(), Optional.empty(), false).words()).contains("local-lvm:ceph,nfs:ceph");
    }

    @Test
    void valuesThatCouldReachTheShellAreRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> MigrationRequest.plain(101, "pve1", "pve2; reboot"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target node");
        assertThatThrownBy(() -> new MigrationRequest(101, "pve1", "pve2", false, Optional.of("$(id)"),
                OptionalLong.empty(), Optional.empty(), false)).hasMessageContaining("target storage");
        assertThatThrownBy(() -> new MigrationRequest(101, "pve1", "pve2", false, Optional.empty(),
                OptionalLong.empty(), Optional.of("10.0.0.0/24 --force"), false))
                .hasMessageContaining("migration network");
    }

    @Test
    void migrationToItsOwnNodeIsRefused() {
        assertThatThrownBy(() -> MigrationRequest.plain(101, "pve1", "pve1"))
                .hasMessageContaining("cannot migrate to the node it is on");
    }
}
