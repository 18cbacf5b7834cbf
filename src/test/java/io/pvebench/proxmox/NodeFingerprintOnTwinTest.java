package io.pvebench.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvebench.sim.SimHardware;
import io.pvebench.testsupport.TwinShell;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The twin answers the node facts' commands in the real outputs' layout (outputs/proxmox/SOURCES.md), in
 * its version profile, and the cluster port reads them back.
 */
class NodeFingerprintOnTwinTest {

    @Test
    void aJumboBondedTwinNodeTellsItsPackagesKernelDevicesBondCorosyncLinkAndStorage() {
        try (TwinShell twin = new TwinShell("9.2", 3, 20, SimHardware.DEFAULT.withMtu(9000).withBond(2, "802.3ad"))) {
            ClusterPort cluster = twin.cluster();

            NodeFingerprint pve1 = new NodeFingerprint("pve1", cluster.packages("pve1"), cluster.kernel("pve1"),
                    cluster.links("pve1"), Map.of("bond0", cluster.bond("pve1", "bond0")), cluster.corosync("pve1"),
                    cluster.storages("pve1"), Map.of());

            assertThat(pve1.packages()).containsEntry("pve-manager", "9.2.11").containsEntry("qemu-server", "9.2.6");
            assertThat(pve1.kernel()).isEqualTo(cluster.version("pve1").kernel()).isEqualTo("7.0.4-2-pve");
            assertThat(pve1.corosync().links()).singleElement().satisfies(link -> {
                assertThat(link.address()).isEqualTo("10.0.99.11");
                assertThat(link.peers()).containsExactly(Map.entry(1, "localhost"), Map.entry(2, "connected"));
            });
            assertThat(pve1.storages()).extracting(StorageStatus::id, StorageStatus::type, StorageStatus::status)
                    .contains(org.assertj.core.groups.Tuple.tuple("local-lvm", "lvmthin", "active"));
            assertThat(pve1.environment()).containsEntry("pve1.nic.vmbr0.mtu", "9000")
                    .containsEntry("pve1.nic.eno2.mtu", "9000")
                    .containsEntry("pve1.bond.bond0.mode", "802.3ad")
                    .containsEntry("pve1.bond.bond0.slaves", "eno1,eno2")
                    .containsEntry("pve1.nic.bond0.master", "vmbr0")
                    .containsEntry("pve1.bond.bond0.xmit_hash_policy", "layer2")
                    .containsEntry("pve1.bond.bond0.lacp_rate", "slow")
                    .containsEntry("pve1.nic.eno1.speed", "10000 Mbps")
                    .containsEntry("corosync.link0.pve1", "10.0.99.11")
                    .containsEntry("storage.local-lvm.type", "lvmthin")
                    .containsEntry("pve1.pkg.pve-qemu-kvm", "11.0.0-1");
            assertThat(pve1.environment().keySet()).noneMatch(k -> k.contains(".tap") || k.contains(".fw"));
        }
    }

    @Test
    void aBondsProcFileHasTheRealLayoutAndFollowsItsSlavesAndMode() throws java.io.IOException {
        String real;
        try (var in = getClass().getResourceAsStream("/outputs/proc/bonding/802.3ad-2x10g-centos7.txt")) {
            real = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        try (TwinShell twin = new TwinShell("8.4", 3, 20, SimHardware.DEFAULT.withBond(2, "802.3ad"))) {
            twin.run("pve2", "ip link set dev eno2 down");
            String lacp = twin.run("pve2", "cat /proc/net/bonding/bond0").stdout();

            // every line the real file has, but those of its older driver, the twin has too, in the same order
            List<String> keys = lacp.lines().map(l -> l.replaceFirst(":.*", "").strip()).distinct().toList();
            List<String> realKeys = real.lines().map(l -> l.replaceFirst(":.*", "").strip()).distinct()
                    .filter(keys::contains).toList();
            assertThat(realKeys).hasSizeGreaterThan(30);
            assertThat(keys).containsSubsequence(realKeys);
            assertThat(lacp).startsWith("Ethernet Channel Bonding Driver: v6.8.12-17-pve\n\n"
                    + "Bonding Mode: IEEE 802.3ad Dynamic link aggregation\nTransmit Hash Policy: layer2 (0)\n")
                    .contains("\tNumber of ports: 1\n");
            assertThat(twin.cluster().bond("pve2", "bond0").slaves()).containsExactly(
                    new BondStatus.Slave("eno1", "up", "10000 Mbps"), new BondStatus.Slave("eno2", "down", "Unknown"));
            assertThat(twin.run("pve2", "cat /proc/net/bonding/vmbr0").stderr())
                    .isEqualTo("cat: /proc/net/bonding/vmbr0: No such file or directory\n");
            assertThatThrownBy(() -> twin.cluster().bond("pve2", "..")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> twin.cluster().bond("pve2", "bond0;reboot"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        try (TwinShell twin = new TwinShell("9.2", 3, 20, SimHardware.DEFAULT.withBond(2, "active-backup"))) {
            BondStatus backup = twin.cluster().bond("pve1", "bond0");

            assertThat(backup.mode()).isEqualTo("active-backup");
            assertThat(backup.hashPolicy()).isNull();
            assertThat(twin.run("pve1", "cat /proc/net/bonding/bond0").stdout())
                    .contains("Primary Slave: None\nCurrently Active Slave: eno1\nMII Status: up\n");
        }
    }

    @Test
    void twinOutputsHaveTheRealLayoutOfTheirRelease() {
        String realKib = ProxmoxOutput.read("pvesm-status/pve9.2-kib-nfs.txt");
        String realBare = ProxmoxOutput.read("pvesm-status/unstated-release-zfspool.txt");
        String realCfgtool = ProxmoxOutput.read("corosync-cfgtool/knet-2node-tabs.txt");
        try (TwinShell pve92 = new TwinShell("9.2", 3, 20); TwinShell pve84 = new TwinShell("8.4", 3, 20)) {
            String kib = pve92.run("pve2", "pvesm status").stdout();
            String bare = pve84.run("pve2", "pvesm status").stdout();
            String cfgtool = pve92.run("pve2", "corosync-cfgtool -s").stdout();

            // the real outputs' storage names are no longer than 9 characters, as the twin's (local-lvm) are
            assertThat(kib.lines().findFirst()).contains(realKib.lines().findFirst().orElseThrow());
            assertThat(bare.lines().findFirst()).contains(realBare.lines().findFirst().orElseThrow());
            assertThat(kib.lines().skip(1).toList()).allSatisfy(row -> assertThat(row)
                    .matches("[a-z0-9-]+ +[a-z]+ +active +\\d+ +\\d+ +\\d+ +\\d+\\.\\d\\d%"))
                    .anySatisfy(row -> assertThat(row).startsWith("local-lvm     lvmthin     active "));
            assertThat(StorageStatus.parseAll(bare)).extracting(StorageStatus::id).startsWith("local", "local-lvm");
            assertThat(cfgtool).startsWith("Local node ID 2, transport knet\nLINK ID 0 udp\n\taddr\t= 10.0.99.12\n"
                    + "\tstatus:\n\t\tnodeid:          1:\tconnected\n\t\tnodeid:          2:\tlocalhost\n");
            assertThat(realCfgtool).contains("\t\tnodeid:          2:\tconnected\n");
            assertThat(pve84.run("pve1", "uname -r").stdout()).isEqualTo("6.8.12-17-pve\n");
        }
    }

    @Test
    void aNodeThatCannotAnswerAFactFailsThatFactOnly() {
        try (TwinShell twin = new TwinShell("9.2", 3, 20)) {
            twin.twin().failCommands("pve2", "corosync-cfgtool", 1,
                    "Could not initialize corosync configuration API error 2\n");

            assertThatThrownBy(() -> twin.cluster().corosync("pve2")).isInstanceOf(ProxmoxException.class)
                    .hasMessageContaining("exited 1");
            assertThat(twin.cluster().storages("pve2")).isNotEmpty();
            assertThat(twin.cluster().corosync("pve1").links().get(0).peers()).containsEntry(2, "connected");
        }
    }

    @Test
    void withCorosyncStoppedAPeerIsDisconnectedAndTheStoppedNodeSaysSo() {
        try (TwinShell twin = new TwinShell("9.2", 3, 20)) {
            twin.run("pve2", "systemctl stop corosync");

            assertThat(twin.cluster().corosync("pve1").links().get(0).peers()).containsEntry(2, "disconnected");
            assertThatThrownBy(() -> twin.cluster().corosync("pve2")).isInstanceOf(ProxmoxException.class)
                    .hasMessageContaining("Could not initialize corosync configuration API");
            assertThat(List.of(twin.run("pve2", "uname -x").exitCode())).containsExactly(1);
        }
    }
}
