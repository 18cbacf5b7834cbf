package io.pvebench.balance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The cluster's load at one instant: every node and every guest. Immutable; the observation
 * time is data, never read from a clock.
 *
 * @param at       when the values were observed
 * @param nodes    the nodes, names unique, in a stable order (reasons and ties follow it)
 * @param guests   the guests, vmids unique, each on one of {@code nodes}
 * @param runQueue where it was read, the node's tasks running or waiting for a CPU at that instant (on a
 *                 Proxmox node mostly busy vCPU threads; tasks waiting for a disk do not count): the
 *                 demand a node's CPU usage, capped at its CPUs, hides; no balancer reads it
 */
public record ClusterSnapshot(Instant at, List<NodeLoad> nodes, List<GuestLoad> guests, Map<String, Double> runQueue) {

    public ClusterSnapshot {
        Objects.requireNonNull(at, "at");
        nodes = List.copyOf(nodes);
        guests = List.copyOf(guests);
        runQueue = Map.copyOf(runQueue);
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
        for (Map.Entry<String, Double> q : runQueue.entrySet()) {
            if (!names.contains(q.getKey()) || !(q.getValue() >= 0)) {
                throw new IllegalArgumentException("run queue " + q.getValue() + " of node " + q.getKey()
                        + " at " + at + ": needs a listed node and a value of at least 0");
            }
        }
    }

    /** A snapshot of what the balancers read, without run queues. */
    public ClusterSnapshot(Instant at, List<NodeLoad> nodes, List<GuestLoad> guests) {
        this(at, nodes, guests, Map.of());
    }

    /**
     * CPUs standing idle on some nodes while guests on others wait for one: the smaller of the run
     * queue beyond the CPUs on the oversubscribed nodes and the CPUs left on the others, in CPUs.
     * A balancer that leaves this above zero left work it could have placed; empty when some node's
     * run queue was not read.
     */
    public OptionalDouble strandedCpu() {
        if (nodes.stream().anyMatch(n -> !runQueue.containsKey(n.name()))) {
            return OptionalDouble.empty();
        }
        double waiting = 0;
        double idle = 0;
        for (NodeLoad n : nodes) {
            double queue = runQueue.get(n.name());
            waiting += Math.max(0, queue - n.cpuCount());
            idle += Math.max(0, n.cpuCount() - queue);
        }
        return OptionalDouble.of(Math.min(waiting, idle));
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
        // the run queues after a move nobody made are not known
        return new ClusterSnapshot(at, moved, placed);
    }
}
