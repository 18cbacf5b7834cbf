package io.pvebench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpLinkJsonTest {

    @Test
    void readsEveryDeviceOfANodeWithItsMtuMasterAndKind() {
        List<IpLink> links = IpLinkJson.parse(CapturedOutput.read("ip/node-link-details.json"));

        assertThat(links).extracting(IpLink::name).containsExactly("lo", "vmbr0", "wire1", "eno1", "fwbr101i0",
                "fwln101i0", "fwpr101p0", "guest101", "tap101i0");
        IpLink vmbr0 = links.get(1);
        assertThat(vmbr0.isBridge()).isTrue();
        assertThat(vmbr0.mtu()).isEqualTo(1500);
        assertThat(vmbr0.maxMtu()).isEqualTo(65535);
        assertThat(vmbr0.master()).isNull();
        assertThat(vmbr0.up()).isTrue();
        IpLink eno1 = links.get(3);
        assertThat(eno1.master()).isEqualTo("vmbr0");
        assertThat(eno1.kind()).isEqualTo("veth");
        assertThat(eno1.bondMode()).isNull();
        assertThat(links.get(8).master()).isEqualTo("fwbr101i0");
    }

    @Test
    void withoutDetailsThereIsNoKindOrMaximum() {
        List<IpLink> ports = IpLinkJson.parse(CapturedOutput.read("ip/node-link-master-vmbr0.json"));

        assertThat(ports).extracting(IpLink::name).containsExactly("eno1", "fwpr101p0");
        assertThat(ports).allSatisfy(p -> {
            assertThat(p.kind()).isNull();
            assertThat(p.maxMtu()).isZero();
            assertThat(p.master()).isEqualTo("vmbr0");
        });
    }

    @Test
    void aBridgeSetToJumboFramesLeavesItsPortsAsTheyWere() {
        // the kernel accepts a bridge MTU above its ports' and changes none of them
        assertThat(CapturedOutput.read("ip/vmbr0-after-9000.txt")).contains("vmbr0: ").contains(" mtu 9000 ");
        assertThat(IpLinkJson.parse(CapturedOutput.read("ip/after-bridge-9000.json")))
                .extracting(IpLink::mtu).containsOnly(1500);
    }

    @Test
    void readsABondsModeFromItsLinkInfo() {
        // shaped as iproute2's iplink_bond.c prints it; no bond can be captured in a namespace here
        String bond = """
                [{"ifindex":5,"ifname":"bond0","flags":["BROADCAST","MULTICAST","MASTER","UP","LOWER_UP"],\
                "mtu":1500,"qdisc":"noqueue","master":"vmbr0","operstate":"UP","linkmode":"DEFAULT",\
                "min_mtu":68,"max_mtu":65535,"linkinfo":{"info_kind":"bond","info_data":{"mode":"802.3ad",\
                "miimon":100,"xmit_hash_policy":"layer2"}}}]""";

        IpLink link = IpLinkJson.parse(bond).get(0);

        assertThat(link.isBond()).isTrue();
        assertThat(link.bondMode()).isEqualTo("802.3ad");
        assertThat(link.master()).isEqualTo("vmbr0");
    }

    @Test
    void aMissingMtuNamesTheDevice() {
        assertThatThrownBy(() -> IpLinkJson.parse("[{\"ifname\":\"eno1\"}]"))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessage("ip -j link output: [0] (eno1).mtu is missing or not a number");
        assertThatThrownBy(() -> IpLinkJson.parse("Device \"eno9\" does not exist."))
                .isInstanceOf(MalformedOutputException.class).hasMessageStartingWith("ip -j link output: not JSON");
    }
}
