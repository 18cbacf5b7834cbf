package io.pvebench.balance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds hand-made snapshots for tests: nodes of 10 cores and 100 GiB, each loaded by a base
 * plus its guests, so that node figures and guest placement always agree.
 */
final class Cluster {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final long GIB = 1L << 30;

    private final Map<String, double[]> base = new LinkedHashMap<>();
    private final List<GuestLoad> guests = new ArrayList<>();

    /** A node with {@code cores} of 10 cores and {@code memoryGib} of 100 GiB used by the host itself. */
    Cluster node(String name, double cores, double memoryGib) {
        base.put(name, new double[] {cores, memoryGib});
        return this;
    }

    Cluster node(String name, double cores) {
        return node(name, cores, 0);
    }

    Cluster guest(int vmid, String node, double cores, double memoryGib, boolean ha) {
        guests.add(new GuestLoad(vmid, node, cores, (long) (memoryGib * GIB), ha, true));
        return this;
    }

    Cluster vm(int vmid, String node, double cores, double memoryGib) {
        return guest(vmid, node, cores, memoryGib, true);
    }

    ClusterSnapshot at(int second) {
        List<NodeLoad> nodes = new ArrayList<>();
        base.forEach((name, b) -> {
            double cpu = b[0] + guests.stream().filter(g -> g.node().equals(name)).mapToDouble(GuestLoad::cpuUsed).sum();
            long mem = (long) (b[1] * GIB) + guests.stream().filter(g -> g.node().equals(name))
                    .mapToLong(GuestLoad::memoryUsed).sum();
            nodes.add(new NodeLoad(name, cpu, 10, mem, 100 * GIB));
        });
        return new ClusterSnapshot(T0.plusSeconds(second), nodes, guests);
    }

    /** The same cluster at {@code rounds} instants 10 s apart, starting at second 0. */
    List<ClusterSnapshot> rounds(int rounds) {
        List<ClusterSnapshot> history = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            history.add(at(10 * i));
        }
        return history;
    }
}
