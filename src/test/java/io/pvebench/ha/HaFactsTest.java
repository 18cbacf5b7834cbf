package io.pvebench.ha;

import static io.pvebench.ha.Facts.BOOT;
import static io.pvebench.ha.Facts.GIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HaFactsTest {

    @Test
    void quorumIsMoreThanHalfTheExpectedVotesExceptTwoNodeMode() {
        assertThat(QuorumSetup.plain(2).needed()).isEqualTo(2);
        assertThat(QuorumSetup.plain(3).needed()).isEqualTo(2);
        assertThat(QuorumSetup.plain(4).needed()).isEqualTo(3);
        assertThat(new QuorumSetup(3, 1, false).needed()).isEqualTo(2);
        assertThat(new QuorumSetup(2, 0, true).needed()).isEqualTo(1);
    }

    @Test
    void aDiskOnAStorageTheFactsDoNotDescribeIsRefusedWithItsName() {
        Facts facts = new Facts().nodes("pve1").vm(HaVm.started("vm:101", "pve1", GIB, BOOT, new VmDisk("scsi0", "zfs")));

        assertThatThrownBy(facts::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vm:101 disk scsi0: storage 'zfs' is not among the storages");
    }

    @Test
    void aVmOnAnUnknownNodeIsRefused() {
        assertThatThrownBy(() -> new Facts().nodes("pve1").vm("vm:101", "pve9").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vm:101 is on node 'pve9'");
    }

    @Test
    void aResourceInTwoNodeAffinitiesIsRefusedAsProxmoxDisablesSuchRules() {
        Facts facts = new Facts().nodes("pve1", "pve2").vm("vm:101", "pve1")
                .affinity(NodeAffinity.rule("a", Set.of("vm:101"), Map.of("pve1", 0), false))
                .affinity(NodeAffinity.rule("b", Set.of("vm:101"), Map.of("pve2", 0), false));

        assertThatThrownBy(facts::build).hasMessageContaining("vm:101 is in more than one node affinity rule");
    }

    @Test
    void aLocalStorageIsReachableOnlyFromTheVmsOwnNodeAndARestrictedSharedOneOnlyWhereConfigured() {
        HaStorage nfs = new HaStorage("nfs", true, Set.of("pve1", "pve3"));

        assertThat(HaStorage.local("local-lvm").reachableFrom("pve2", "pve1")).isFalse();
        assertThat(HaStorage.local("local-lvm").reachableFrom("pve1", "pve1")).isTrue();
        assertThat(nfs.reachableFrom("pve2", "pve1")).isFalse();
        assertThat(nfs.reachableFrom("pve3", "pve1")).isTrue();
    }

    @Test
    void theWindowIsRoundedToWholeMinutesOutward() {
        assertThat(new RecoveryWindow(Duration.ofSeconds(140), Duration.ofSeconds(170), "").rounded())
                .isEqualTo("~2–3 min");
        assertThat(new RecoveryWindow(Duration.ofSeconds(125), Duration.ofSeconds(180), "").rounded())
                .isEqualTo("~2–3 min");
        assertThat(new RecoveryWindow(Duration.ofSeconds(20), Duration.ofSeconds(40), "").rounded())
                .isEqualTo("~20–40 s");
    }
}
