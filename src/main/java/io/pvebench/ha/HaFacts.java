package io.pvebench.ha;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything failover depends on, gathered before a test; the input of {@link FailoverPredictor}.
 *
 * @param nodes              every configured node, online or not
 * @param quorum             the votequorum setup
 * @param crmMaster          the node whose CRM is master now ({@code ha-manager status} {@code master})
 * @param arming             whether HA is armed
 * @param crs                the scheduler mode
 * @param vms                the HA VMs
 * @param storages           every storage a VM's disk is on
 * @param nodeAffinities     node-affinity rules (9.x) or HA groups (8.x) the CRM applies
 * @param resourceAffinities resource-affinity rules the CRM applies (9.x)
 */
public record HaFacts(List<HaNode> nodes, QuorumSetup quorum, Optional<String> crmMaster, Arming arming, CrsMode crs,
                      List<HaVm> vms, List<HaStorage> storages, List<NodeAffinity> nodeAffinities,
                      List<ResourceAffinity> resourceAffinities) {

    public HaFacts {
        nodes = List.copyOf(nodes);
        vms = List.copyOf(vms);
        storages = List.copyOf(storages);
        nodeAffinities = List.copyOf(nodeAffinities);
        resourceAffinities = List.copyOf(resourceAffinities);
        Objects.requireNonNull(quorum, "quorum");
        Objects.requireNonNull(crmMaster, "crmMaster");
        Objects.requireNonNull(arming, "arming");
        Objects.requireNonNull(crs, "crs");
        Set<String> names = new HashSet<>();
        nodes.forEach(n -> names.add(n.name()));
        Set<String> storageIds = new HashSet<>();
        storages.forEach(s -> storageIds.add(s.id()));
        for (HaVm vm : vms) {
            if (!names.contains(vm.node())) {
                throw new IllegalArgumentException(vm.sid() + " is on node '" + vm.node() + "', which is not among the nodes "
                        + names);
            }
            for (VmDisk d : vm.disks()) {
                if (!storageIds.contains(d.storage())) {
                    throw new IllegalArgumentException(vm.sid() + " disk " + d.drive() + ": storage '" + d.storage()
                            + "' is not among the storages " + storageIds);
                }
            }
        }
        Set<String> bound = new HashSet<>();
        for (NodeAffinity a : nodeAffinities) {
            for (String sid : a.resources()) {
                if (!bound.add(sid)) {
                    // pve-ha-manager disables such rules (a resource in at most one node-affinity rule)
                    throw new IllegalArgumentException(sid + " is in more than one node affinity rule or group");
                }
            }
        }
    }

    public Optional<HaNode> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public HaStorage storage(String id) {
        return storages.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    public Optional<NodeAffinity> nodeAffinityOf(String sid) {
        return nodeAffinities.stream().filter(a -> a.resources().contains(sid)).findFirst();
    }
}
