package io.pvebench.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvebench.measure.IpLink;
import io.pvebench.measure.IpLinkJson;
import io.pvebench.pipeline.BondMode;
import io.pvebench.sim.SimHardware;
import io.pvebench.testsupport.TwinShell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster port's network operations: VM NICs, devices, MTU and bond mode, on real outputs and the twin. */
class NetworkOperationsTest {

    private static String captured(String name) throws IOException {
        try (InputStream in = NetworkOperationsTest.class.getResourceAsStream("/outputs/ip/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aVmsNicsComeFromItsConfigWithBridgeFirewallAndMtu() {
        List<VmNic> nics = VmNic.parse(101, """
                boot: order=scsi0;net0
                memory: 4096
                net1: virtio=BC:24:11:00:00:02,bridge=vmbr1,mtu=9000,tag=20
                net0: virtio=BC:24:11:00:00:01,bridge=vmbr0,firewall=1
                """);

        assertThat(nics).containsExactly(new VmNic(101, 0, "BC:24:11:00:00:01", "vmbr0", true, null),
                new VmNic(101, 1, "BC:24:11:00:00:02", "vmbr1", false, 9000));
        assertThat(nics.get(0).hostDevices()).containsExactly("fwpr101p0", "fwln101i0", "fwbr101i0", "tap101i0");
        assertThat(nics.get(1).hostDevices()).containsExactly("tap101i1");
    }

    @Test
    void aBridgesPathIsItsUplinkItselfAndTheVmsDevicesInTheOrderToRaiseTheirMtu() throws IOException {
        List<IpLink> links = IpLinkJson.parse(captured("node-link-details.json"));

        BridgePath path = BridgePath.of("pve1", "vmbr0", links, List.of(new VmNic(101, 0, null, "vmbr0", true, null)));

        assertThat(path.uplinks()).extracting(IpLink::name).containsExactly("eno1");
        assertThat(path.bond()).isEmpty();
        assertThat(path.mtuDevices()).extracting(IpLink::name)
                .containsExactly("eno1", "vmbr0", "fwpr101p0", "fwln101i0", "fwbr101i0", "tap101i0");
        assertThatThrownBy(() -> BridgePath.of("pve1", "vmbr9", links, List.of()))
                .isInstanceOf(ProxmoxException.class).hasMessage("node pve1 has no bridge vmbr9");
    }

    @Test
    void theMtuOfANodesDeviceChangesLiveAndReadsBack() {
        try (TwinShell twin = new TwinShell("9.2", 3, 20)) {
            ClusterPort cluster = twin.cluster();
            List<VmNic> nics = cluster.vmNics("pve1", 101);
            assertThat(nics).extracting(VmNic::index, VmNic::bridge, VmNic::firewall)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "vmbr0", true));
            assertThat(nics.get(0).mac()).isEqualTo(twin.guests().nic(new io.pvebench.guest.GuestVm(101, "pve1")).mac());

            cluster.setMtu("pve1", "vmbr0", 9000);

            assertThat(cluster.links("pve1")).filteredOn(l -> l.name().equals("vmbr0")).extracting(IpLink::mtu)
                    .containsExactly(9000);
            assertThatThrownBy(() -> cluster.setMtu("pve1", "eno1", 9800)).isInstanceOf(ProxmoxException.class)
                    .hasMessageContaining("Error: mtu greater than device maximum.");
            assertThatThrownBy(() -> cluster.setMtu("pve1", "eno1; reboot", 9000))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aBondsModeChangesLiveAndItsSlavesComeBack() {
        try (TwinShell twin = new TwinShell("9.2", 3, 20, SimHardware.DEFAULT.withBond(2, "active-backup"))) {
            ClusterPort cluster = twin.cluster();
            BridgePath path = BridgePath.of("pve2", "vmbr0", cluster.links("pve2"), cluster.vmNics("pve2", 102));
            assertThat(path.bond()).map(IpLink::bondMode).contains("active-backup");

            cluster.setBondMode("pve2", "bond0", List.of("eno1", "eno2"), BondMode.BALANCE_RR);

            List<IpLink> after = cluster.links("pve2");
            assertThat(after).filteredOn(l -> l.name().equals("bond0")).singleElement()
                    .satisfies(b -> {
                        assertThat(b.bondMode()).isEqualTo("balance-rr");
                        assertThat(b.up()).isTrue();
                    });
            assertThat(after).filteredOn(l -> "bond0".equals(l.master())).extracting(IpLink::name)
                    .containsExactly("eno1", "eno2");
            assertThat(twin.run("pve1", "pvecm status").stdout()).contains("Quorate:          Yes");
        }
    }
}
