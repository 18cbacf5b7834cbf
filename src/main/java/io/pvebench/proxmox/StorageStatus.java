package io.pvebench.proxmox;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One storage as {@code pvesm status} (pve-storage {@code PVE/CLI/pvesm.pm}) lists it on a node:
 * name, type, status and sizes in KiB. The header reads {@code Total Used Available} or, in newer
 * releases, {@code Total (KiB) Used (KiB) Available (KiB)} (libpve-storage-perl 9.0.14 and later);
 * the rows are the same, sorted by id, a disabled storage with status {@code disabled} and
 * {@code N/A} for its share. Real outputs under {@code outputs/proxmox/pvesm-status/}.
 *
 * @param id           the storage id ({@code local-lvm})
 * @param type         the plugin type ({@code dir}, {@code lvmthin}, {@code nfs}, {@code zfspool}, {@code rbd}, ...)
 * @param status       {@code active}, {@code inactive}, {@code disabled}
 * @param totalKib     KiB
 * @param usedKib      KiB
 * @param availableKib KiB
 */
public record StorageStatus(String id, String type, String status, long totalKib, long usedKib,
                            long availableKib) {

    public StorageStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }

    /**
     * Every storage row, in the order listed; lines before the {@code Name Type Status} header (errors a
     * storage plugin printed) are skipped.
     *
     * @throws ProxmoxException without the header, or with a row that is not
     *                          {@code NAME TYPE STATUS TOTAL USED AVAILABLE PERCENT%} (or {@code N/A})
     */
    public static List<StorageStatus> parseAll(String output) {
        List<StorageStatus> out = new ArrayList<>();
        boolean header = false;
        for (String raw : output.split("\n")) {
            String line = raw.strip();
            if (!header) {
                header = line.matches("Name\\s+Type\\s+Status\\s+Total.*");
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 7 || !f[3].matches("\\d+") || !f[4].matches("\\d+") || !f[5].matches("\\d+")
                    || !f[6].matches("[0-9.]+%|N/A")) {
                throw new ProxmoxException("pvesm status: not a storage row: '" + line + "'");
            }
            out.add(new StorageStatus(f[0], f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]),
                    Long.parseLong(f[5])));
        }
        if (!header) {
            throw new ProxmoxException("pvesm status: no 'Name Type Status Total ...' header in: " + output.strip());
        }
        return List.copyOf(out);
    }
}
