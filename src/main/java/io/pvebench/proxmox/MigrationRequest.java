package io.pvebench.proxmox;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One live migration as {@code qm migrate VMID TARGET --online} takes it (qemu-server
 * {@code API2/Qemu.pm} {@code migrate_vm}). Every value that reaches the command line is
 * validated here against the format Proxmox itself checks, so a bad one fails before
 * anything runs.
 *
 * @param vmid               the VM
 * @param source             the node it runs on, where the command runs
 * @param target             the node it goes to ({@code pve-node})
 * @param withLocalDisks     {@code --with-local-disks}: copy local disks live (drive-mirror)
 * @param targetStorage      {@code --targetstorage}: a storage id, or {@code SRC:DST} pairs as Proxmox takes them
 * @param bandwidthLimitKib  {@code --bwlimit} in KiB/s, as Proxmox counts it
 * @param migrationNetwork   {@code --migration_network}: the CIDR whose addresses carry the traffic
 * @param withConntrackState {@code --with-conntrack-state} (PVE 9): carry the firewall's connection states
 */
public record MigrationRequest(int vmid, String source, String target, boolean withLocalDisks,
                               Optional<String> targetStorage, OptionalLong bandwidthLimitKib,
                               Optional<String> migrationNetwork, boolean withConntrackState) {

    /** pve-common's {@code pve-node} format. */
    private static final Pattern NODE = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?");
    /** A storage id ({@code pve-storage-id}), or a storage map {@code SRC:DST,...} ({@code storage-pair-list}). */
    private static final Pattern STORAGE = Pattern.compile(
            "[a-z][a-z0-9\\-_.]*[a-z0-9](:[a-z][a-z0-9\\-_.]*[a-z0-9])?(,[a-z][a-z0-9\\-_.]*[a-z0-9]"
                    + "(:[a-z][a-z0-9\\-_.]*[a-z0-9])?)*", Pattern.CASE_INSENSITIVE);
    /** An IPv4 or IPv6 CIDR ({@code CIDR} format). */
    private static final Pattern CIDR = Pattern.compile("[0-9a-fA-F:.]+/\\d{1,3}");

    public MigrationRequest {
        if (vmid < 100) {
            throw new IllegalArgumentException("a VM id is at least 100: " + vmid);
        }
        checked(NODE, source, "source node");
        checked(NODE, target, "target node");
        if (source.equals(target)) {
            throw new IllegalArgumentException("vm " + vmid + " cannot migrate to the node it is on (" + source + ")");
        }
        Objects.requireNonNull(targetStorage, "targetStorage").ifPresent(s -> checked(STORAGE, s, "target storage"));
        Objects.requireNonNull(bandwidthLimitKib, "bandwidthLimitKib").ifPresent(b -> {
            if (b < 0) {
                throw new IllegalArgumentException("bandwidth limit must not be negative: " + b);
            }
        });
        Objects.requireNonNull(migrationNetwork, "migrationNetwork").ifPresent(n -> checked(CIDR, n,
                "migration network"));
    }

    /** A migration with Proxmox's defaults for every option. */
    public static MigrationRequest plain(int vmid, String source, String target) {
        return new MigrationRequest(vmid, source, target, false, Optional.empty(), OptionalLong.empty(),
                Optional.empty(), false);
    }

    /** The command's words, for {@link io.pvebench.ssh.ShellQuote}. */
    public java.util.List<String> words() {
        java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of("qm", "migrate",
                String.valueOf(vmid), target, "--online"));
        if (withLocalDisks) {
            words.add("--with-local-disks");
        }
        targetStorage.ifPresent(s -> words.addAll(java.util.List.of("--targetstorage", s)));
        bandwidthLimitKib.ifPresent(b -> words.addAll(java.util.List.of("--bwlimit", String.valueOf(b))));
        migrationNetwork.ifPresent(n -> words.addAll(java.util.List.of("--migration_network", n)));
        if (withConntrackState) {
            words.add("--with-conntrack-state");
        }
        return words;
    }

    private static void checked(Pattern format, String value, String what) {
        Objects.requireNonNull(value, what);
        if (!format.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid " + what + ": '" + value + "'");
        }
    }
}
