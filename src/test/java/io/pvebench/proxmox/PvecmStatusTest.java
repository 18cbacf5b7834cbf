package io.pvebench.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link PvecmStatus} on {@code pvecm status} outputs Proxmox users published (SOURCES.md). */
class PvecmStatusTest {

    @Test
    void twoNodesWithQdeviceHaveThreeExpectedVotesAndTheQdeviceRowIsNotAMember() {
        PvecmStatus s = PvecmStatus.parse(ProxmoxOutput.read("pvecm-status/pve8-2node-qdevice.txt"));

        assertThat(s.quorate()).isTrue();
        assertThat(s.expectedVotes()).isEqualTo(3);
        assertThat(s.totalVotes()).isEqualTo(3);
        assertThat(s.quorum()).isEqualTo(2);
        assertThat(s.activityBlocked()).isFalse();
        assertThat(s.flags()).containsExactlyInAnyOrder("Quorate", "Qdevice");
        assertThat(s.hasQdevice()).isTrue();
        assertThat(s.qdeviceVotes()).contains(1);
        assertThat(s.members()).containsExactly(
                new PvecmStatus.Member(1, 1, "10.0.99.2", false, Optional.of("A,V,NMW")),
                new PvecmStatus.Member(2, 1, "10.0.99.3", true, Optional.of("A,V,NMW")));
    }

    @Test
    void theLoneNodeOfTwoIsBelowQuorumWithActivityBlockedAndNoFlags() {
        PvecmStatus s = PvecmStatus.parse(ProxmoxOutput.read("pvecm-status/pve4-2node-nonquorate-activity-blocked.txt"));

        assertThat(s.quorate()).isFalse();
        assertThat(s.expectedVotes()).isEqualTo(2);
        assertThat(s.totalVotes()).isEqualTo(1);
        assertThat(s.quorum()).isEqualTo(2);
        assertThat(s.activityBlocked()).isTrue();
        assertThat(s.flags()).isEmpty();
        assertThat(s.hasQdevice()).isFalse();
        assertThat(s.twoNode()).isFalse();
        assertThat(s.members()).containsExactly(new PvecmStatus.Member(2, 1, "10.10.10.102", true, Optional.empty()));
    }

    @Test
    void threeNodesNeedTwoVotesAndTheNameColumnHoldsAddresses() {
        PvecmStatus s = PvecmStatus.parse(ProxmoxOutput.read("pvecm-status/pve9.2-3node-quorate.txt"));

        assertThat(s.quorate()).isTrue();
        assertThat(s.expectedVotes()).isEqualTo(3);
        assertThat(s.highestExpected()).isEqualTo(3);
        assertThat(s.quorum()).isEqualTo(2);
        assertThat(s.flags()).containsExactly("Quorate");
        assertThat(s.qdeviceVotes()).isEmpty();
        assertThat(s.members()).extracting(PvecmStatus.Member::name)
                .containsExactly("192.168.1.47", "192.168.1.48", "192.168.1.49");
        assertThat(s.members().get(0).local()).isTrue();
    }

    @Test
    void anOutputWithoutVotequorumFieldsSaysWhichFieldIsMissingAndWhatWasRead() {
        assertThatThrownBy(() -> PvecmStatus.parse("Cannot initialize CMAP service\n"))
                .isInstanceOf(ProxmoxException.class)
                .hasMessageContaining("no 'Quorate:' line")
                .hasMessageContaining("Cannot initialize CMAP service");
    }

    @Test
    void anUnreadableMembershipRowIsNamed() {
        String broken = ProxmoxOutput.read("pvecm-status/pve9.2-3node-quorate.txt")
                .replace("0x00000003          1 192.168.1.49", "garbage row");

        assertThatThrownBy(() -> PvecmStatus.parse(broken))
                .isInstanceOf(ProxmoxException.class)
                .hasMessageContaining("unreadable membership row 'garbage row'");
    }
}
