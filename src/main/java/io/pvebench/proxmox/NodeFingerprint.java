package io.pvebench.proxmox;

import io.pvebench.measure.IpLink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What one node said about itself when a run started: installed packages, running kernel, network
 * devices, corosync links and storage. A fact the node did not give is null here and named in
 * {@code unknown} with the reason, so a node that does not answer one command still has the rest.
 * Immutable; {@link #environment()} flattens it into the run's environment facts.
 *
 * @param node     the node's inventory name
 * @param packages {@code pveversion -v}, or null
 * @param kernel   {@code uname -r}, or null
 * @param links    {@code ip -j -d link}, or null
 * @param bonds    {@code /proc/net/bonding/<bond>} of each bond in {@code links} that could be read, by name
 * @param corosync {@code corosync-cfgtool -s}, or null
 * @param storages {@code pvesm status}, or null
 * @param unknown  fact ({@link #PACKAGES}, {@link #KERNEL}, {@link #LINKS}, {@link #COROSYNC},
 *                 {@link #STORAGE}, {@code bond.<name>}) to why it is unknown
 */
public record NodeFingerprint(String node, Map<String, String> packages, String kernel, List<IpLink> links,
                              Map<String, BondStatus> bonds, CorosyncStatus corosync, List<StorageStatus> storages,
                              Map<String, String> unknown) {

    public static final String PACKAGES = "packages";
    public static final String KERNEL = "kernel";
    public static final String LINKS = "nic";
    public static final String COROSYNC = "corosync";
    public static final String STORAGE = "storage";
    /** What an environment fact reads when the node did not say. */
    public static final String UNKNOWN = "unknown";

    /**
     * Packages whose version is a fact of its own: those that carry what pvebench measures (migration,
     * HA, corosync and its transport, storage, network configuration). Any other package shows only
     * through the digest of the whole list.
     */
    private static final List<String> KEY_PACKAGES = List.of("pve-manager", "qemu-server", "pve-qemu-kvm",
            "pve-ha-manager", "pve-cluster", "corosync", "libknet1", "libpve-storage-perl", "libpve-network-perl",
            "ifupdown2", "zfsutils-linux", "ceph-common", "ceph-fuse");

    /** Devices a running VM brings and takes away (qemu-server's tap and firewall bridge), not the host's set-up. */
    private static final Pattern GUEST_DEVICE = Pattern.compile("(tap|fwbr|fwln|fwpr|veth)\\d+.*");

    public NodeFingerprint {
        Objects.requireNonNull(node, "node");
        packages = packages == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(packages));
        links = links == null ? null : List.copyOf(links);
        bonds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bonds == null ? Map.of() : bonds));
        storages = storages == null ? null : List.copyOf(storages);
        unknown = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unknown));
    }

    /**
     * The facts as flat keys, node first: {@code pve1.pkg.qemu-server=9.2.6}, {@code pve1.packages=62 packages,
     * sha256 1a2b3c4d5e6f} (any package's change changes it), {@code pve1.nic.vmbr0.mtu=9000},
     * {@code pve1.nic.eno1.master=bond0}, {@code pve1.bond.bond0.mode=802.3ad},
     * {@code pve1.bond.bond0.slaves=eno1,eno2}, from {@code /proc/net/bonding}
     * {@code pve1.bond.bond0.xmit_hash_policy=layer3+4}, {@code .lacp_rate=fast}, {@code .miimon=100 ms} and
     * {@code pve1.nic.eno1.speed=10000 Mbps}, {@code corosync.link0.pve1=10.0.0.1},
     * {@code corosync.transport=knet}, {@code storage.local-lvm.type=lvmthin},
     * {@code pve1.storage.local-lvm.status=active}; a fact the node did not give reads
     * {@code pve1.nic=unknown}. Only the host's own devices count, not those of the VMs running on it;
     * the kernel is left to preflight's {@code kernel.<node>}, the same release from {@code pveversion}.
     */
    public Map<String, String> environment() {
        Map<String, String> out = new LinkedHashMap<>();
        String p = node + ".";
        if (packages == null) {
            out.put(p + PACKAGES, UNKNOWN);
        } else {
            for (String name : KEY_PACKAGES) {
                if (packages.containsKey(name)) {
                    out.put(p + "pkg." + name, packages.get(name));
                }
            }
            out.put(p + PACKAGES, packages.size() + " packages, sha256 " + digest(packages));
        }
        if (links == null) {
            out.put(p + LINKS, UNKNOWN);
        } else {
            for (IpLink link : links) {
                if (hostDevice(link)) {
                    out.put(p + "nic." + link.name() + ".mtu", String.valueOf(link.mtu()));
                    if (link.master() != null) {
                        out.put(p + "nic." + link.name() + ".master", link.master());
                    }
                }
            }
            for (IpLink bond : links) {
                if (bond.isBond()) {
                    out.put(p + "bond." + bond.name() + ".mode", bond.bondMode() == null ? UNKNOWN : bond.bondMode());
                    out.put(p + "bond." + bond.name() + ".slaves", String.join(",", links.stream()
                            .filter(l -> bond.name().equals(l.master())).map(IpLink::name).sorted().toList()));
                    BondStatus status = bonds.get(bond.name());
                    if (status == null) {
                        out.put(p + "bond." + bond.name() + ".details", UNKNOWN);
                    } else {
                        bondDetails(p + "bond." + bond.name(), status, out);
                        status.slaves().stream().filter(sl -> sl.speed() != null)
                                .forEach(sl -> out.put(p + "nic." + sl.name() + ".speed", sl.speed()));
                    }
                }
            }
        }
        if (corosync == null) {
            out.put(p + COROSYNC, UNKNOWN);
        } else {
            if (!corosync.transport().isEmpty()) {
                out.put("corosync.transport", corosync.transport());
            }
            corosync.links().forEach(l -> out.put("corosync.link" + l.id() + "." + node, l.address()));
        }
        if (storages == null) {
            out.put(p + STORAGE, UNKNOWN);
        } else {
            for (StorageStatus s : storages) {
                out.put("storage." + s.id() + ".type", s.type());
                out.put(p + "storage." + s.id() + ".status", s.status());
            }
        }
        return out;
    }

    /**
     * Every node's facts in one map, in node order; a cluster-wide key ({@code storage.<id>.type},
     * {@code corosync.transport}) keeps the first node's value.
     */
    public static Map<String, String> environment(List<NodeFingerprint> nodes) {
        Map<String, String> out = new LinkedHashMap<>();
        nodes.forEach(n -> n.environment().forEach(out::putIfAbsent));
        return out;
    }

    private static void bondDetails(String key, BondStatus status, Map<String, String> out) {
        if (status.hashPolicy() != null) {
            out.put(key + ".xmit_hash_policy", status.hashPolicy());
        }
        if (status.lacpRate() != null) {
            out.put(key + ".lacp_rate", status.lacpRate());
        }
        if (status.miimonMs() != null) {
            out.put(key + ".miimon", status.miimonMs() + " ms");
        }
    }

    private static boolean hostDevice(IpLink link) {
        // by name: a capture's stand-in NIC may be a veth, and a real node's NIC has no kind at all
        return !link.name().equals("lo") && !GUEST_DEVICE.matcher(link.name()).matches();
    }

    /** The first 12 hex digits of SHA-256 over {@code name=version} lines in name order. */
    private static String digest(Map<String, String> packages) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(packages).forEach((name, version) -> text.append(name).append('=').append(version).append('\n'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
