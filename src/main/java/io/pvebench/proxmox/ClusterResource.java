package io.pvebench.proxmox;

import java.util.Arrays;
import java.util.List;

/**
 * One entry of {@code pvesh get /cluster/resources} (pve-manager {@code PVE/API2/Cluster.pm}).
 * Fields a type does not have, or an offline node does not report, are null.
 *
 * @param type     {@code node}, {@code qemu}, {@code lxc}, {@code storage}, ...
 * @param id       {@code node/pve1}, {@code qemu/101}, {@code storage/pve1/local}
 * @param node     the node it lives on
 * @param vmid     guest id, null for non-guests
 * @param name     guest or node name
 * @param status   {@code running}, {@code stopped}, {@code online}, {@code offline}, {@code unknown}
 * @param cpu      CPU use as a fraction of {@code maxcpu} (0..1)
 * @param maxcpu   CPUs (vCPUs for guests)
 * @param mem      memory used, bytes
 * @param maxmem   memory size, bytes
 * @param template whether a guest is a template ({@code template: 1}); null for non-guests and
 *                 guests without stats
 * @param tags     a guest's tags as Proxmox stores them ({@code ;}-separated), null when it has none
 * @param storage  a storage's id ({@code local-lvm}), null for other types
 * @param shared   whether every node sees a storage's volumes, null for other types
 * @param hastate  an HA-managed guest's CRM state ({@code started}, {@code fence}, {@code recovery}, ...), or a
 *                 node's HA state; null when not HA-managed
 */
public record ClusterResource(String type, String id, String node, Integer vmid, String name, String status,
                              Double cpu, Integer maxcpu, Long mem, Long maxmem, Boolean template, String tags,
                              String storage, Boolean shared, String hastate) {

    /** An entry without HA state. */
    public ClusterResource(String type, String id, String node, Integer vmid, String name, String status,
                           Double cpu, Integer maxcpu, Long mem, Long maxmem, Boolean template, String tags,
                           String storage, Boolean shared) {
        this(type, id, node, vmid, name, status, cpu, maxcpu, mem, maxmem, template, tags, storage, shared, null);
    }

    /** An entry without template, tags or storage fields (nodes, and guests as older callers built them). */
    public ClusterResource(String type, String id, String node, Integer vmid, String name, String status,
                           Double cpu, Integer maxcpu, Long mem, Long maxmem) {
        this(type, id, node, vmid, name, status, cpu, maxcpu, mem, maxmem, null, null, null, null);
    }

    public boolean isGuest() {
        return "qemu".equals(type) || "lxc".equals(type);
    }

    /** A QEMU VM (not a container). */
    public boolean isVm() {
        return "qemu".equals(type);
    }

    public boolean isTemplate() {
        return Boolean.TRUE.equals(template);
    }

    /**
     * The tags one by one, as pve-common's {@code split_list} reads them (separated by
     * {@code ;}, {@code ,} or spaces); empty when there are none.
     */
    public List<String> tagList() {
        if (tags == null || tags.isBlank()) {
            return List.of();
        }
        return Arrays.stream(tags.strip().split("[;,\\s]+")).filter(t -> !t.isEmpty()).toList();
    }
}
