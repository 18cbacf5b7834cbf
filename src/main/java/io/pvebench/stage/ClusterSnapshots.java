package io.pvebench.stage;

import io.pvebench.balance.ClusterSnapshot;
import io.pvebench.balance.GuestLoad;
import io.pvebench.balance.NodeLoad;
import io.pvebench.proxmox.ClusterResource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The cluster's load as the balancers see it, from one {@code /cluster/resources} listing. */
final class ClusterSnapshots {

    private ClusterSnapshots() {
    }

    /**
     * @param haVms the VMs that are HA resources (the native CRS moves only those)
     */
    static ClusterSnapshot of(Instant at, List<ClusterResource> resources, Set<Integer> haVms) {
        return of(at, resources, haVms, Map.of());
    }

    /**
     * @param haVms    the VMs that are HA resources (the native CRS moves only those)
     * @param runQueue the one-minute load average of the nodes where it was read
     */
    static ClusterSnapshot of(Instant at, List<ClusterResource> resources, Set<Integer> haVms,
                              Map<String, Double> runQueue) {
        List<NodeLoad> nodes = new ArrayList<>();
        for (ClusterResource r : resources) {
            if ("node".equals(r.type()) && "online".equals(r.status()) && r.maxcpu() != null && r.maxmem() != null) {
                nodes.add(new NodeLoad(r.node(), used(r), r.maxcpu(), nonNegative(r.mem()), Math.max(1, r.maxmem())));
            }
        }
        Set<String> online = nodes.stream().map(NodeLoad::name).collect(Collectors.toSet());
        List<GuestLoad> guests = new ArrayList<>();
        for (ClusterResource r : resources) {
            // a guest on a node that is down is no load anywhere a balancer can see
            if (r.isVm() && r.vmid() != null && online.contains(r.node()) && !Boolean.TRUE.equals(r.template())) {
                guests.add(new GuestLoad(r.vmid(), r.node(), used(r), nonNegative(r.mem()), haVms.contains(r.vmid()),
                        "running".equals(r.status())));
            }
        }
        Map<String, Double> queues = new HashMap<>(runQueue);
        queues.keySet().retainAll(online);
        return new ClusterSnapshot(at, nodes, guests, queues);
    }

    /** CPU in use in cores: PVE's {@code cpu} is a fraction of {@code maxcpu}. */
    private static double used(ClusterResource r) {
        return r.cpu() == null || r.maxcpu() == null ? 0 : Math.max(0, r.cpu() * r.maxcpu());
    }

    private static long nonNegative(Long value) {
        return value == null ? 0 : Math.max(0, value);
    }
}
