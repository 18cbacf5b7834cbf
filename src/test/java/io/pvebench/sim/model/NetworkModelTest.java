package io.pvebench.sim.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Throughput is set by links while CPU has room; MTU, bonds and oversubscription change it. */
class NetworkModelTest {

    private static double total(double[] rates) {
        double sum = 0;
        for (double r : rates) {
            sum += r;
        }
        return sum;
    }

    @Test
    void oneStreamAcrossNodesGetsTheGoodputOfTenGigabitAtMtu1500() {
        NetworkModel net = new NetworkModel();
        assertThat(net.streamBitsPerSecond(NetworkModel.Path.CROSS_NODE, 1, NetworkModel.PathLoad.IDLE)[0])
                .isCloseTo(9.41e9, within(0.01e9));
    }

    @Test
    void jumboFramesRaiseGoodputToAboutNinePointNine() {
        NetworkModel jumbo = new NetworkModel(new NetworkModel.Config(10e9, 9000, 1, "none"));
        assertThat(jumbo.streamBitsPerSecond(NetworkModel.Path.CROSS_NODE, 1, NetworkModel.PathLoad.IDLE)[0])
                .isCloseTo(9.90e9, within(0.01e9));
        assertThat(jumbo.bitsPerCore()).isGreaterThan(new NetworkModel().bitsPerCore() * 1.8);
    }

    @Test
    void lacpKeepsOneStreamOnOneLinkAndSpreadsSeveral() {
        NetworkModel lacp = new NetworkModel(new NetworkModel.Config(10e9, 1500, 2, "802.3ad"));
        assertThat(total(lacp.streamBitsPerSecond(NetworkModel.Path.CROSS_NODE, 1, NetworkModel.PathLoad.IDLE)))
                .isCloseTo(9.41e9, within(0.01e9));
        assertThat(total(lacp.streamBitsPerSecond(NetworkModel.Path.CROSS_NODE, 4, NetworkModel.PathLoad.IDLE)))
                .isCloseTo(18.83e9, within(0.02e9));
        NetworkModel rr = new NetworkModel(new NetworkModel.Config(10e9, 1500, 2, "balance-rr"));
        assertThat(total(rr.streamBitsPerSecond(NetworkModel.Path.CROSS_NODE, 1, NetworkModel.PathLoad.IDLE)))
                .isGreaterThan(15e9);
    }

    @Test
    void throughputStaysAtTheLinkUntilCpuRunsOut() {
        NetworkModel net = new NetworkModel();
        NetworkModel.PathLoad busyGuests = new NetworkModel.PathLoad(0.8, 0.8, 1, 1, 0.3, 0.3, 0.3, 0.3, 1, 1);
        assertThat(net.streamBitsPerSecond(NetworkModel.Path.CROSS_NODE, 1, busyGuests)[0])
                .isCloseTo(9.41e9, within(0.01e9));
        NetworkModel.PathLoad oversubscribed = new NetworkModel.PathLoad(0.3, 0.8, 0.3, 1, 1, 0.3, 3.3, 0.3, 1, 1);
        assertThat(net.streamBitsPerSecond(NetworkModel.Path.CROSS_NODE, 1, oversubscribed)[0]).isLessThan(9e9);
    }

    @Test
    void goodputFollowsTheHeaderOverheadOfTheFrameSize() {
        for (int mtu : new int[] {1500, 4000, 9000}) {
            NetworkModel net = new NetworkModel(new NetworkModel.Config(10e9, mtu, 1, "none"));
            // payload per frame: MTU less 52 bytes of IPv4 and TCP headers with timestamps;
            // on the wire: MTU plus 38 bytes of Ethernet header, FCS, preamble and gap
            assertThat(net.config().linkGoodput()).isCloseTo(10e9 * (mtu - 52) / (mtu + 38), within(1.0));
        }
    }

    @Test
    void framesLargerThanADeviceOnThePathCarryNothing() {
        NetworkModel net = new NetworkModel(new NetworkModel.Config(10e9, 9000, 1500, 1, "none"));

        assertThat(net.config().blackholed()).isTrue();
        assertThat(total(net.streamBitsPerSecond(NetworkModel.Path.CROSS_NODE, 2, NetworkModel.PathLoad.IDLE)))
                .isZero();
        assertThat(new NetworkModel.Config(10e9, 1500, 9000, 1, "none").blackholed()).isFalse();
    }

    @Test
    void onlyRoundRobinAndLacpUseMoreThanOneLinkTowardsOneGuest() {
        for (String mode : NetworkModel.Config.BOND_MODES) {
            NetworkModel net = new NetworkModel(new NetworkModel.Config(10e9, 1500, mode.equals("none") ? 1 : 2, mode));
            assertThat(net.usableLinks()).as(mode).isEqualTo(mode.equals("balance-rr") || mode.equals("802.3ad") ? 2 : 1);
        }
    }
}
