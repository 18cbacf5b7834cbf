package io.pvebench.ha;

import java.util.Objects;
import java.util.Set;

/**
 * A storage a VM's disks can live on ({@code /cluster/resources} type {@code storage},
 * {@code storage.cfg}).
 *
 * @param id     storage id ({@code local-lvm}, {@code ceph-vm})
 * @param shared whether every node it is on sees the same volumes (Ceph, NFS, iSCSI); a local
 *               storage holds a volume only on the node that made it
 * @param nodes  the nodes it is configured on; empty means every node
 */
public record HaStorage(String id, boolean shared, Set<String> nodes) {

    public HaStorage {
        Objects.requireNonNull(id, "id");
        nodes = Set.copyOf(nodes);
    }

    public static HaStorage sharedEverywhere(String id) {
        return new HaStorage(id, true, Set.of());
    }

    public static HaStorage local(String id) {
        return new HaStorage(id, false, Set.of());
    }

    /** Whether a volume of a VM that ran on {@code home} can be opened on {@code node}. */
    public boolean reachableFrom(String node, String home) {
        boolean configured = nodes.isEmpty() || nodes.contains(node);
        return configured && (shared || node.equals(home));
    }
}
