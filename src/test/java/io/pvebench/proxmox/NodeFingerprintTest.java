package io.pvebench.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvebench.measure.IpLink;
import io.pvebench.measure.IpLinkJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node facts' parsers on real published outputs ({@code outputs/proxmox/SOURCES.md}) and on
 * {@code ip -j -d link} captured on this machine ({@code outputs/ip/}), and how they become environment facts.
 */
class NodeFingerprintTest {

    private static String captured(String name) throws IOException {
        try (InputStream in = NodeFingerprintTest.class.getResourceAsStream("/outputs/ip/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String procBonding(String name) {
        try (InputStream in = NodeFingerprintTest.class.getResourceAsStream("/outputs/proc/bonding/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void procNetBondingGivesModeHashPolicyLacpRateMiimonAndEachSlavesSpeed() {
        BondStatus lacp = BondStatus.parse(procBonding("802.3ad-2x10g-centos7.txt"));
        BondStatus backup = BondStatus.parse(procBonding("active-backup-kernel-6.8.txt"));

        assertThat(lacp).isEqualTo(new BondStatus("802.3ad", "layer2", "slow", 100, List.of(
                new BondStatus.Slave("ens1f0", "up", "10000 Mbps"), new BondStatus.Slave("ens1f1", "up", "10000 Mbps"))));
        assertThat(backup).isEqualTo(new BondStatus("active-backup", null, null, 100, List.of(
                new BondStatus.Slave("enp0s8", "up", "1000 Mbps"), new BondStatus.Slave("enp0s9", "up", "1000 Mbps"))));
        assertThat(BondStatus.driverModeName("802.3ad")).isEqualTo("IEEE 802.3ad Dynamic link aggregation");
        assertThatThrownBy(() -> BondStatus.parse("cat: /proc/net/bonding/bond9: No such file or directory\n"))
                .isInstanceOf(ProxmoxException.class).hasMessageContaining("no 'Bonding Mode:' line");
    }

    @Test
    void pveversionVerboseGivesEveryPackageWithoutTheRunningSuffix() {
        Map<String, String> packages = PvePackages.parse(ProxmoxOutput.read("pveversion/v-9.0.5-first-lines.txt"));

        assertThat(packages).hasSize(43)
                .containsEntry("proxmox-ve", "9.0.0")
                .containsEntry("pve-manager", "9.0.5")
                .containsEntry("corosync", "3.1.9-pve2")
                .containsEntry("proxmox-kernel-helper", "9.0.3")
                .containsEntry("pve-edk2-firmware", "4.2025.02-4");
        assertThat(packages.keySet()).startsWith("proxmox-ve", "pve-manager", "proxmox-kernel-helper");
        // the other states pveversion's print_status writes; no published sample has them
        assertThat(PvePackages.parse("pve-manager: 9.2.11 (running version: 9.2.11/f6997e698c7933ea)\n"
                + "ceph-fuse: residual config\nzfsutils-linux: not correctly installed\n"
                + "frobnicate: unknown package - internal error\n"))
                .containsExactly(Map.entry("pve-manager", "9.2.11"), Map.entry("ceph-fuse", "residual config"),
                        Map.entry("zfsutils-linux", "not correctly installed"));
        assertThatThrownBy(() -> PvePackages.parse("bash: pveversion: command not found\n"))
                .isInstanceOf(ProxmoxException.class).hasMessageContaining("no 'package: version' line");
    }

    @Test
    void corosyncCfgtoolGivesEachLinksAddressAndPeersWithTabsOrTheSpacesAPublisherLeft() {
        CorosyncStatus tabs = CorosyncStatus.parse(ProxmoxOutput.read("corosync-cfgtool/knet-2node-tabs.txt"));
        CorosyncStatus spaces = CorosyncStatus.parse(
                ProxmoxOutput.read("corosync-cfgtool/pve8.2-3node-spaces-as-published.txt"));

        assertThat(tabs).isEqualTo(new CorosyncStatus(1, "knet", List.of(new CorosyncStatus.Link(0, "udp",
                "172.16.16.61", Map.of(1, "localhost", 2, "connected")))));
        assertThat(spaces.links()).singleElement().satisfies(link -> {
            assertThat(link.address()).isEqualTo("20.20.20.50");
            assertThat(link.peers()).containsExactly(Map.entry(1, "localhost"), Map.entry(2, "connected"),
                    Map.entry(3, "connected"));
        });
        assertThatThrownBy(() -> CorosyncStatus.parse("Could not initialize corosync configuration API error 2\n"))
                .isInstanceOf(ProxmoxException.class).hasMessageContaining("no 'Local node ID N' line");
    }

    @Test
    void pvesmStatusReadsRowsUnderEitherHeader() {
        List<StorageStatus> kib = StorageStatus.parseAll(ProxmoxOutput.read("pvesm-status/pve9.2-kib-nfs.txt"));
        List<StorageStatus> bare = StorageStatus.parseAll(
                ProxmoxOutput.read("pvesm-status/unstated-release-zfspool.txt"));
        List<StorageStatus> inactive = StorageStatus.parseAll(
                ProxmoxOutput.read("pvesm-status/pve8-inactive-zfspool.txt"));

        assertThat(kib).extracting(StorageStatus::id, StorageStatus::type, StorageStatus::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("local", "dir", "active"),
                        org.assertj.core.groups.Tuple.tuple("local-lvm", "lvmthin", "active"),
                        org.assertj.core.groups.Tuple.tuple("truenas", "nfs", "active"));
        assertThat(kib.get(2)).isEqualTo(new StorageStatus("truenas", "nfs", "active", 934724608, 96884736,
                837839872));
        assertThat(bare).extracting(StorageStatus::type).containsExactly("dir", "lvmthin", "zfspool");
        assertThat(inactive.get(2)).isEqualTo(new StorageStatus("vmdata", "zfspool", "inactive", 0, 0, 0));
        // a disabled storage, as pvesm.pm's $print_status formats it ('% 8s' of 'N/A'); no published sample has one
        assertThat(StorageStatus.parseAll("Name       Type     Status     Total (KiB)      Used (KiB) Available (KiB)"
                + "        %\nbackup      dir   disabled               0               0               0      N/A\n"))
                .containsExactly(new StorageStatus("backup", "dir", "disabled", 0, 0, 0));
        assertThatThrownBy(() -> StorageStatus.parseAll("Name Type Status Total Used Available %\nlocal dir\n"))
                .isInstanceOf(ProxmoxException.class).hasMessageContaining("not a storage row: 'local dir'");
    }

    @Test
    void theEnvironmentHasTheHostsDevicesNotTheVmsAndEveryOtherFactUnderItsNode() throws IOException {
        List<IpLink> links = IpLinkJson.parse(captured("node-link-details.json"));
        NodeFingerprint pve1 = new NodeFingerprint("pve1",
                PvePackages.parse(ProxmoxOutput.read("pveversion/v-9.0.5-first-lines.txt")), "6.14.8-2-pve", links,
                Map.of(), CorosyncStatus.parse(ProxmoxOutput.read("corosync-cfgtool/knet-2node-tabs.txt")),
                StorageStatus.parseAll(ProxmoxOutput.read("pvesm-status/pve9.2-kib-nfs.txt")), Map.of());

        Map<String, String> facts = pve1.environment();

        assertThat(facts).containsEntry("pve1.nic.vmbr0.mtu", "1500")
                .containsEntry("pve1.nic.eno1.mtu", "1500")
                .containsEntry("pve1.nic.eno1.master", "vmbr0")
                .containsEntry("pve1.pkg.pve-manager", "9.0.5")
                .containsEntry("pve1.pkg.corosync", "3.1.9-pve2")
                .containsEntry("corosync.link0.pve1", "172.16.16.61")
                .containsEntry("corosync.transport", "knet")
                .containsEntry("storage.truenas.type", "nfs")
                .containsEntry("pve1.storage.local-lvm.status", "active");
        assertThat(facts.get("pve1.packages")).matches("43 packages, sha256 [0-9a-f]{12}");
        assertThat(facts.keySet()).noneMatch(k -> k.matches("pve1\\.nic\\.(lo|tap|fw).*"));
    }

    @Test
    void aBondsModeAndSlavesAreFactsAndAnyPackageChangeChangesTheDigest() {
        List<IpLink> links = List.of(
                new IpLink("eno1", 9000, 9710, "bond0", "UP", List.of("UP", "SLAVE"), null, null),
                new IpLink("eno2", 9000, 9710, "bond0", "UP", List.of("UP", "SLAVE"), null, null),
                new IpLink("bond0", 9000, 65535, "vmbr0", "UP", List.of("UP", "MASTER"), "bond", "802.3ad"),
                new IpLink("vmbr0", 9000, 65535, null, "UP", List.of("UP"), "bridge", null));
        BondStatus bond0 = new BondStatus("802.3ad", "layer3+4", "fast", 100, List.of(
                new BondStatus.Slave("eno1", "up", "10000 Mbps"), new BondStatus.Slave("eno2", "down", "Unknown")));
        NodeFingerprint a = new NodeFingerprint("pve2", Map.of("pve-manager", "9.2.11", "criu", "4.1.1-1"), null,
                links, Map.of("bond0", bond0), null, null,
                Map.of("kernel", "timeout", "corosync", "exit 1", "storage", "exit 2"));
        NodeFingerprint b = new NodeFingerprint("pve2", Map.of("pve-manager", "9.2.11", "criu", "4.1.1-2"), null,
                links, Map.of(), null, null, Map.of("bond.bond0", "exit 1"));

        assertThat(a.environment()).containsEntry("pve2.bond.bond0.mode", "802.3ad")
                .containsEntry("pve2.bond.bond0.slaves", "eno1,eno2")
                .containsEntry("pve2.nic.bond0.master", "vmbr0")
                .containsEntry("pve2.bond.bond0.xmit_hash_policy", "layer3+4")
                .containsEntry("pve2.bond.bond0.lacp_rate", "fast")
                .containsEntry("pve2.bond.bond0.miimon", "100 ms")
                .containsEntry("pve2.nic.eno1.speed", "10000 Mbps")
                .containsEntry("pve2.nic.eno2.speed", "Unknown")
                .containsEntry("pve2.corosync", "unknown")
                .containsEntry("pve2.storage", "unknown")
                .doesNotContainKey("pve2.pkg.criu");
        assertThat(a.environment().get("pve2.packages")).isNotEqualTo(b.environment().get("pve2.packages"));
        assertThat(b.environment()).containsEntry("pve2.bond.bond0.details", "unknown")
                .doesNotContainKey("pve2.nic.eno1.speed");
        assertThat(new NodeFingerprint("pve3", null, null, null, null, null, null, Map.of()).environment())
                .containsExactly(Map.entry("pve3.packages", "unknown"), Map.entry("pve3.nic", "unknown"),
                        Map.entry("pve3.corosync", "unknown"), Map.entry("pve3.storage", "unknown"));
    }
}
