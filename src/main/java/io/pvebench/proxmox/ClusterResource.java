package io.pvebench.proxmox;

/**
 * One entry of {@code pvesh get /cluster/resources} (pve-manager {@code PVE/API2/Cluster.pm}).
 * Fields a type does not have, or an offline node does not report, are null.
 *
 * @param type    {@code node}, {@code qemu}, {@code lxc}, {@code storage}, ...
 * @param id      {@code node/pve1}, {@code qemu/101}, {@code storage/pve1/local}
 * @param node    the node it lives on
 * @param vmid    guest id, null for non-guests
 * @param name    guest or node name
 * @param status  {@code running}, {@code stopped}, {@code online}, {@code offline}, {@code unknown}
 * @param cpu     CPU use as a fraction of {@code maxcpu} (0..1)
 * @param maxcpu  CPUs (vCPUs for guests)
 * @param mem     memory used, bytes
 * @param maxmem  memory size, bytes
 */
public record ClusterResource(String type, String id, String node, Integer vmid, String name, String status,
                              Double cpu, Integer maxcpu, Long mem, Long maxmem) {

    public boolean isGuest() {
        return "qemu".equals(type) || "lxc".equals(type);
    }
}
