package io.pvebench.balance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster's load at one instant: every node and every guest. Immutable; the observation
 * time is data, never read from a clock.
 *
 * @param at     when the values were observed
 * @param nodes  the nodes, names unique, in a stable order (reasons and ties follow it)
 * @param guests the guests, vmids unique, each on one of {@code nodes}
 */
public record ClusterSnapshot(Instant at, List<NodeLoad> nodes, List<GuestLoad> guests) {

    public ClusterSnapshot {
        Objects.requireNonNull(at, "at");
        nodes = List.copyOf(nodes);
        guests = List.copyOf(guests);
        Set<String> names = new HashSet<>();
        for (NodeLoad n : nodes) {
            if (!names.add(n.name())) {
                throw new IllegalArgumentException("node " + n.name() + " listed twice at " + at);
            }
        }
        Set<Integer> ids = new HashSet<>();
        for (GuestLoad g : guests) {
            if (!ids.add(g.vmid())) {
                throw new IllegalArgumentException("vm " + g.vmid() + " listed twice at " + at);
            }
            if (!names.contains(g.node())) {
                throw new IllegalArgumentException("vm " + g.vmid() + " is on unknown node " + g.node() + " at " + at);
            }
        }
    }

    public Optional<NodeLoad> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<GuestLoad> guest(int vmid) {
        return guests.stream().filter(g -> g.vmid() == vmid).findFirst();
    }

    public List<GuestLoad> guestsOn(String node) {
        return guests.stream().filter(g -> g.node().equals(node)).toList();
    }

    /** Each node's {@code metric}, a fraction, in node order. */
    public Map<String, Double> values(LoadMetric metric) {
        Map<String, Double> values = new LinkedHashMap<>();
        nodes.forEach(n -> values.put(n.name(), metric.of(n)));
        return values;
    }

    /** The CRS imbalance of this instant ({@link Crs#imbalance}). */
    public double imbalance() {
        return Crs.imbalance(nodes.stream().mapToDouble(Crs::nodeLoad).toArray());
    }

    /** Max − min of the nodes' CPU fractions. */
    public double cpuSpread() {
        return Crs.spread(nodes.stream().mapToDouble(NodeLoad::cpuFraction).toArray());
    }

    /**
     * This instant as it would be with guest {@code vmid} on {@code target}, its current CPU and
     * memory taken off its node and added to the target (what the CRS's bruteforce method
     * assumes: the guest brings its current usage along).
     *
     * @throws IllegalArgumentException when the guest or the node is unknown
     */
    public ClusterSnapshot withMove(int vmid, String target) {
        GuestLoad guest = guest(vmid).orElseThrow(() -> new IllegalArgumentException("no vm " + vmid + " at " + at));
        if (node(target).isEmpty()) {
            throw new IllegalArgumentException("no node " + target + " at " + at);
        }
        if (guest.node().equals(target)) {
            return this;
        }
        List<NodeLoad> moved = new ArrayList<>();
        for (NodeLoad n : nodes) {
            if (n.name().equals(guest.node())) {
                moved.add(n.plus(-guest.cpuUsed(), -guest.memoryUsed()));
            } else if (n.name().equals(target)) {
                moved.add(n.plus(guest.cpuUsed(), guest.memoryUsed()));
            } else {
                moved.add(n);
            }
        }
        List<GuestLoad> placed = guests.stream().map(g -> g.vmid() == vmid ? g.on(target) : g).toList();
        return new ClusterSnapshot(at, moved, placed);
    }
}
