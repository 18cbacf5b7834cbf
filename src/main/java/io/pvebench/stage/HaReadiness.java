package io.pvebench.stage;

import io.pvebench.ha.Arming;
import io.pvebench.ha.CrsMode;
import io.pvebench.ha.HaFacts;
import io.pvebench.ha.HaNode;
import io.pvebench.ha.HaStorage;
import io.pvebench.ha.HaVm;
import io.pvebench.ha.NodeAffinity;
import io.pvebench.ha.QuorumSetup;
import io.pvebench.ha.ResourceAffinity;
import io.pvebench.ha.VmDisk;
import io.pvebench.proxmox.ClusterPort;
import io.pvebench.proxmox.ClusterResource;
import io.pvebench.proxmox.HaGroupConfig;
import io.pvebench.proxmox.HaResourceConfig;
import io.pvebench.proxmox.HaRuleConfig;
import io.pvebench.proxmox.HaStatus;
import io.pvebench.proxmox.PvecmStatus;
import io.pvebench.proxmox.VmDisks;
import io.pvebench.proxmox.VmPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What decides whether HA can fail over, read from the cluster: quorum ({@code pvecm status}), the
 * HA stack's view ({@code ha-manager status} on {@code asked}), the HA resources with their rules
 * (9.x) or groups (8.x), node memory and guests, storages, and each HA VM's drives. The I/O side
 * of {@link io.pvebench.ha.FailoverPredictor}, which is pure.
 *
 * <p>Each node counts one vote: {@code pvecm status} names members by address, and Proxmox gives
 * every node one vote unless an admin changed corosync.conf by hand.
 */
final class HaReadiness {

    /** How long a guest takes from its start to its service: a model number until a run measures it. */
    static final Duration ASSUMED_BOOT = Duration.ofSeconds(30);

    private HaReadiness() {
    }

    static HaFacts read(ClusterPort cluster, VmPort vms, String asked) {
        PvecmStatus pvecm = cluster.pvecmStatus();
        HaStatus status = HaStatus.parse(cluster.haStatus(asked));
        List<ClusterResource> resources = cluster.resources(asked);
        List<HaResourceConfig> configured = cluster.haResources();
        List<HaRuleConfig> rules = cluster.haRules();

        Map<String, Integer> guests = new HashMap<>();
        Map<Integer, ClusterResource> vmResources = new HashMap<>();
        for (ClusterResource r : resources) {
            if (r.isVm() && r.vmid() != null) {
                vmResources.put(r.vmid(), r);
                if ("running".equals(r.status())) {
                    guests.merge(r.node(), 1, Integer::sum);
                }
            }
        }
        List<HaNode> nodes = new ArrayList<>();
        for (ClusterResource r : resources) {
            if ("node".equals(r.type())) {
                Optional<HaStatus.Lrm> lrm = status.lrm(r.node());
                boolean maintenance = lrm.map(l -> l.state().contains("maintenance")).orElse(false);
                nodes.add(new HaNode(r.node(), 1, "online".equals(r.status()), maintenance,
                        lrm.map(HaStatus.Lrm::active).orElse(false), value(r.maxmem()), value(r.mem()),
                        guests.getOrDefault(r.node(), 0)));
            }
        }

        List<HaVm> haVms = new ArrayList<>();
        Set<String> storageIds = new HashSet<>();
        for (HaResourceConfig c : configured) {
            if (!c.type().equals("vm")) {
                continue;
            }
            int vmid = Integer.parseInt(c.sid().substring(c.sid().indexOf(':') + 1));
            ClusterResource r = vmResources.get(vmid);
            if (r == null) {
                continue;
            }
            List<VmDisk> disks = new ArrayList<>();
            VmDisks.storages(vms.vmConfig(r.node(), vmid)).forEach((drive, storage) -> {
                disks.add(new VmDisk(drive, storage));
                storageIds.add(storage);
            });
            String crmState = status.services().stream().filter(s -> s.sid().equals(c.sid())).map(HaStatus.Service::state)
                    .findFirst().orElse(c.state());
            haVms.add(new HaVm(c.sid(), r.node(), c.state(), crmState, value(r.maxmem()), disks, ASSUMED_BOOT,
                    c.maxRestart(), c.maxRelocate()));
        }
        return new HaFacts(nodes, new QuorumSetup(pvecm.expectedVotes(), pvecm.qdeviceVotes().orElse(0),
                pvecm.twoNode()), status.master().map(HaStatus.Master::node), arming(status), crs(status),
                haVms, storages(resources, storageIds), nodeAffinities(cluster, rules, configured),
                resourceAffinities(rules));
    }

    private static long value(Long v) {
        return v == null ? 0 : Math.max(0, v);
    }

    private static Arming arming(HaStatus status) {
        return status.fencing().map(f -> switch (f.armedState()) {
            case "armed" -> Arming.armed();
            case "disarmed" -> Arming.disarmed(f.resourceMode().orElse("freeze"));
            case "disarming" -> new Arming(Arming.State.DISARMING, f.resourceMode());
            case "standby" -> new Arming(Arming.State.STANDBY, Optional.empty());
            default -> Arming.notReported();
        }).orElse(Arming.notReported());
    }

    private static CrsMode crs(HaStatus status) {
        return status.master().flatMap(HaStatus.Master::crsMode).map(m -> switch (m) {
            case "static" -> CrsMode.STATIC;
            case "dynamic" -> CrsMode.DYNAMIC;
            default -> CrsMode.BASIC;
        }).orElse(CrsMode.BASIC);
    }

    /** Each storage the HA VMs use, shared or on the nodes that list it. */
    private static List<HaStorage> storages(List<ClusterResource> resources, Set<String> used) {
        Map<String, Boolean> shared = new LinkedHashMap<>();
        Map<String, Set<String>> on = new HashMap<>();
        for (ClusterResource r : resources) {
            if ("storage".equals(r.type()) && r.storage() != null && used.contains(r.storage())) {
                shared.merge(r.storage(), Boolean.TRUE.equals(r.shared()), Boolean::logicalOr);
                on.computeIfAbsent(r.storage(), k -> new HashSet<>()).add(r.node());
            }
        }
        List<HaStorage> out = new ArrayList<>();
        for (String id : used) {
            // a host path, or a storage no node lists: on no node but the VM's own
            out.add(shared.containsKey(id) ? new HaStorage(id, shared.get(id), on.get(id)) : HaStorage.local(id));
        }
        return out;
    }

    private static List<NodeAffinity> nodeAffinities(ClusterPort cluster, List<HaRuleConfig> rules,
                                                     List<HaResourceConfig> configured) {
        List<NodeAffinity> out = new ArrayList<>();
        for (HaRuleConfig rule : rules) {
            if (rule.type().equals("node-affinity") && rule.inUse()) {
                out.add(NodeAffinity.rule(rule.rule(), Set.copyOf(rule.resources()), rule.nodes(), rule.strict()));
            }
        }
        for (HaGroupConfig group : cluster.haGroups()) {
            Set<String> members = new HashSet<>();
            configured.stream().filter(c -> c.group().filter(group.group()::equals).isPresent())
                    .forEach(c -> members.add(c.sid()));
            if (!members.isEmpty()) {
                out.add(NodeAffinity.group(group.group(), members, group.nodes(), group.restricted()));
            }
        }
        return out;
    }

    private static List<ResourceAffinity> resourceAffinities(List<HaRuleConfig> rules) {
        List<ResourceAffinity> out = new ArrayList<>();
        for (HaRuleConfig rule : rules) {
            if (rule.type().equals("resource-affinity") && rule.inUse()) {
                String[] sids = rule.resources().toArray(String[]::new);
                out.add("positive".equals(rule.affinity().orElse("")) ? ResourceAffinity.together(rule.rule(), sids)
                        : ResourceAffinity.apart(rule.rule(), sids));
            }
        }
        return out;
    }
}
