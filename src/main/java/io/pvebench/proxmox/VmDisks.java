package io.pvebench.proxmox;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a VM's drives live, read from its configuration the way qemu-server 9.2.6's
 * {@code clone_vm} reads it ({@code API2/Qemu.pm} {@code $check_storage_access_clone}):
 * every drive counts, CD-ROMs with an image too; {@code none}, the host's {@code cdrom} and
 * unused volumes do not. Stateless.
 */
public final class VmDisks {

    /** The storage of a drive that is a path on its host. */
    public static final String HOST = "(host)";

    private static final Pattern DRIVE = Pattern.compile("(ide|sata|scsi|virtio|efidisk|tpmstate)\\d+");

    private VmDisks() {
    }

    /**
     * Whether every drive of {@code config} is on one of the {@code shared} storages: only
     * then may {@code qm clone --target} put the clone on another node. A drive that is a
     * path on the host (pass-through) is local.
     */
    public static boolean allOnShared(Map<String, String> config, Set<String> shared) {
        return storages(config).values().stream().allMatch(shared::contains);
    }

    /**
     * Each drive of {@code config} with the storage its volume is on, in config order; a drive that is
     * a path on the host (pass-through) is on {@code "(host)"}, which no other node has.
     */
    public static Map<String, String> storages(Map<String, String> config) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> e : config.entrySet()) {
            if (!DRIVE.matcher(e.getKey()).matches()) {
                continue;
            }
            String volid = e.getValue().split(",", 2)[0];
            if (volid.equals("none") || volid.equals("cdrom")) {
                continue;
            }
            int colon = volid.indexOf(':');
            out.put(e.getKey(), colon <= 0 || volid.startsWith("/") ? HOST : volid.substring(0, colon));
        }
        return out;
    }
}
