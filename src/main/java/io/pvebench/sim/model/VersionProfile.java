package io.pvebench.sim.model;

import java.util.List;
import java.util.Map;

/**
 * What differs between the Proxmox VE releases the twin imitates. Versions are those of
 * the newest builds in Proxmox's repositories (pve-manager 9.2.11 at commit f6997e69,
 * 8.4.21 at 2606ac85 on {@code stable-8}; qemu-server 9.2.6 / 8.4.10; pve-ha-manager
 * 5.2.0 / 4.0.7), see shared/reference/PVE-CURRENT.md section 1.
 *
 * <p>{@code packages} is the {@code pveversion -v} list in the order pve-manager's
 * {@code API2/APT.pm versions} prints it: proxmox-ve, pve-manager, kernels (newest
 * first), then the rest sorted by name.
 */
public record VersionProfile(String release, String managerVersion, String repoId, String kernel,
                             boolean memhost, boolean hostArch, List<Map.Entry<String, String>> packages) {

    public static VersionProfile of(String release) {
        return switch (release) {
            case "9.2" -> pve92();
            case "8.4" -> pve84();
            default -> throw new IllegalArgumentException("no version profile " + release);
        };
    }

    /** {@code pve-manager/9.2.11/f6997e698c7933ea} */
    public String managerWithRepoId() {
        return "pve-manager/" + managerVersion + "/" + repoId;
    }

    private static VersionProfile pve92() {
        String kernel = "7.0.4-2-pve";
        return new VersionProfile("9.2", "9.2.11", "f6997e698c7933ea", kernel, true, true, List.of(
                Map.entry("proxmox-ve", "9.2.0"),
                Map.entry("pve-manager", "9.2.11"),
                Map.entry("proxmox-kernel-7.0.4-2-pve-signed", "7.0.4-2"),
                Map.entry("proxmox-kernel-7.0", "7.0.4-2"),
                Map.entry("proxmox-kernel-6.17.13-4-pve-signed", "6.17.13-4"),
                Map.entry("amd64-microcode", "3.20250311.1"),
                Map.entry("ceph-fuse", "19.2.3-pve2"),
                Map.entry("corosync", "3.1.9-pve2"),
                Map.entry("criu", "4.1.1-1"),
                Map.entry("frr-pythontools", "10.3.1-1+pve4"),
                Map.entry("ifupdown2", "3.3.0-1+pmx11"),
                Map.entry("intel-microcode", "3.20251111.1"),
                Map.entry("ksm-control-daemon", "1.5-1"),
                Map.entry("libjs-extjs", "7.0.0-5"),
                Map.entry("libknet1", "1.31-pve1"),
                Map.entry("libproxmox-acme-perl", "1.7.1"),
                Map.entry("libproxmox-backup-qemu0", "2.0.2"),
                Map.entry("libproxmox-rs-perl", "0.4.3"),
                Map.entry("libpve-access-control", "9.0.6"),
                Map.entry("libpve-apiclient-perl", "3.4.2"),
                Map.entry("libpve-cluster-api-perl", "9.1.6"),
                Map.entry("libpve-cluster-perl", "9.1.6"),
                Map.entry("libpve-common-perl", "9.1.8"),
                Map.entry("libpve-guest-common-perl", "6.0.4"),
                Map.entry("libpve-http-server-perl", "6.0.6"),
                Map.entry("libpve-network-perl", "1.3.1"),
                Map.entry("libpve-notify-perl", "9.1.2"),
                Map.entry("libpve-rs-perl", "0.11.6"),
                Map.entry("libpve-storage-perl", "9.1.3"),
                Map.entry("libqb0", "1.0.5-1"),
                Map.entry("libspice-server1", "0.15.2-1+b1"),
                Map.entry("lvm2", "2.03.31-2+pmx1"),
                Map.entry("lxc-pve", "7.0.0-1"),
                Map.entry("lxcfs", "6.0.4-pve1"),
                Map.entry("novnc-pve", "1.6.0-3"),
                Map.entry("proxmox-backup-client", "4.1.4-1"),
                Map.entry("proxmox-backup-file-restore", "4.1.4-1"),
                Map.entry("proxmox-backup-restore-image", "1.0.0"),
                Map.entry("proxmox-firewall", "1.2.2"),
                Map.entry("proxmox-kernel-helper", "9.0.4"),
                Map.entry("proxmox-mail-forward", "1.0.2"),
                Map.entry("proxmox-mini-journalreader", "1.6"),
                Map.entry("proxmox-offline-mirror-helper", "0.7.3"),
                Map.entry("proxmox-widget-toolkit", "5.1.5"),
                Map.entry("pve-cluster", "9.1.6"),
                Map.entry("pve-container", "6.1.2"),
                Map.entry("pve-docs", "9.2.3"),
                Map.entry("pve-edk2-firmware", "4.2025.05-2"),
                Map.entry("pve-esxi-import-tools", "1.0.1"),
                Map.entry("pve-firewall", "6.0.4"),
                Map.entry("pve-firmware", "3.17-2"),
                Map.entry("pve-ha-manager", "5.2.0"),
                Map.entry("pve-i18n", "3.7.1"),
                Map.entry("pve-qemu-kvm", "11.0.0-1"),
                Map.entry("pve-xtermjs", "5.5.0-3"),
                Map.entry("qemu-server", "9.2.6"),
                Map.entry("smartmontools", "7.4-pve1"),
                Map.entry("spiceterm", "3.4.1"),
                Map.entry("swtpm", "0.8.0+pve3"),
                Map.entry("vncterm", "1.9.1"),
                Map.entry("zfsutils-linux", "2.4.0-pve1")));
    }

    private static VersionProfile pve84() {
        String kernel = "6.8.12-17-pve";
        return new VersionProfile("8.4", "8.4.21", "2606ac850d46da29", kernel, false, false, List.of(
                Map.entry("proxmox-ve", "8.4.0"),
                Map.entry("pve-manager", "8.4.21"),
                Map.entry("proxmox-kernel-6.8.12-17-pve-signed", "6.8.12-17"),
                Map.entry("proxmox-kernel-6.8", "6.8.12-17"),
                Map.entry("proxmox-kernel-6.8.12-9-pve-signed", "6.8.12-9"),
                Map.entry("ceph-fuse", "17.2.8-pve2"),
                Map.entry("corosync", "3.1.9-pve1"),
                Map.entry("criu", "3.17.1-2+deb12u2"),
                Map.entry("glusterfs-client", "10.3-5"),
                Map.entry("ifupdown2", "3.2.0-1+pmx11"),
                Map.entry("ksm-control-daemon", "1.5-1"),
                Map.entry("libjs-extjs", "7.0.0-5"),
                Map.entry("libknet1", "1.30-pve2"),
                Map.entry("libproxmox-acme-perl", "1.6.0"),
                Map.entry("libproxmox-backup-qemu0", "1.5.1"),
                Map.entry("libproxmox-rs-perl", "0.3.5"),
                Map.entry("libpve-access-control", "8.2.2"),
                Map.entry("libpve-apiclient-perl", "3.3.2"),
                Map.entry("libpve-cluster-api-perl", "8.1.2"),
                Map.entry("libpve-cluster-perl", "8.1.2"),
                Map.entry("libpve-common-perl", "8.3.4"),
                Map.entry("libpve-guest-common-perl", "5.2.2"),
                Map.entry("libpve-http-server-perl", "5.2.2"),
                Map.entry("libpve-network-perl", "0.11.2"),
                Map.entry("libpve-rs-perl", "0.9.4"),
                Map.entry("libpve-storage-perl", "8.3.7"),
                Map.entry("libspice-server1", "0.15.1-1"),
                Map.entry("lvm2", "2.03.16-2"),
                Map.entry("lxc-pve", "6.0.0-1"),
                Map.entry("lxcfs", "6.0.0-pve2"),
                Map.entry("novnc-pve", "1.6.0-2"),
                Map.entry("proxmox-backup-client", "3.4.7-1"),
                Map.entry("proxmox-backup-file-restore", "3.4.7-1"),
                Map.entry("proxmox-firewall", "0.7.1"),
                Map.entry("proxmox-kernel-helper", "8.1.4"),
                Map.entry("proxmox-mail-forward", "0.3.3"),
                Map.entry("proxmox-mini-journalreader", "1.5"),
                Map.entry("proxmox-offline-mirror-helper", "0.6.7"),
                Map.entry("proxmox-widget-toolkit", "4.3.13"),
                Map.entry("pve-cluster", "8.1.2"),
                Map.entry("pve-container", "5.3.3"),
                Map.entry("pve-docs", "8.4.1"),
                Map.entry("pve-edk2-firmware", "4.2025.02-4~bpo12+1"),
                Map.entry("pve-esxi-import-tools", "0.7.4"),
                Map.entry("pve-firewall", "5.1.2"),
                Map.entry("pve-firmware", "3.16-3"),
                Map.entry("pve-ha-manager", "4.0.7"),
                Map.entry("pve-i18n", "3.4.5"),
                Map.entry("pve-qemu-kvm", "9.2.0-7"),
                Map.entry("pve-xtermjs", "5.5.0-2"),
                Map.entry("qemu-server", "8.4.10"),
                Map.entry("smartmontools", "7.3-pve1"),
                Map.entry("spiceterm", "3.3.0"),
                Map.entry("swtpm", "0.8.0+pve1"),
                Map.entry("vncterm", "1.8.0"),
                Map.entry("zfsutils-linux", "2.2.8-pve1")));
    }
}
