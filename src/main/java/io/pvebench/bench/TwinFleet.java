package io.pvebench.bench;

import io.pvebench.sim.SimCluster;
import io.pvebench.sim.SimNodeEndpoint;
import io.pvebench.sim.SimSpec;
import io.pvebench.sim.SimVmSpec;
import io.pvebench.ssh.SshHost;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Any number of twin nodes for a fan-out: as many twins of at most
 * {@value #MAX_NODES_PER_TWIN} nodes (the twin's limit) as it takes, key login only, one
 * small VM per node. Hosts are named {@code pve1..pveN} across the twins, so session
 * pools keyed by name never mix them up. Close to stop every twin.
 */
final class TwinFleet implements AutoCloseable {

    static final int MAX_NODES_PER_TWIN = 32;

    private final List<SimCluster> twins = new ArrayList<>();
    private final List<SshHost> hosts = new ArrayList<>();

    private TwinFleet() {
    }

    static TwinFleet start(int nodes, long seed, PublicKey key) {
        TwinFleet fleet = new TwinFleet();
        try {
            for (int first = 0; first < nodes; first += MAX_NODES_PER_TWIN) {
                int size = Math.min(MAX_NODES_PER_TWIN, nodes - first);
                List<SimVmSpec> vms = new ArrayList<>();
                for (int i = 1; i <= size; i++) {
                    vms.add(new SimVmSpec(99 + i, "vm" + (99 + i), "pve" + i, 1, 512L << 20));
                }
                SimCluster twin = SimCluster.start(new SimSpec("bench" + (first / MAX_NODES_PER_TWIN + 1), "9.2", size,
                        seed + first, 1.0, vms, "root", null, List.of(key)));
                fleet.twins.add(twin);
                List<SimNodeEndpoint> endpoints = twin.nodes();
                for (int i = 0; i < endpoints.size(); i++) {
                    SimNodeEndpoint e = endpoints.get(i);
                    fleet.hosts.add(new SshHost("pve" + (first + i + 1), e.host(), e.port()));
                }
            }
            return fleet;
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    List<SshHost> hosts() {
        return List.copyOf(hosts);
    }

    /** known_hosts lines of every node, {@code [127.0.0.1]:PORT ssh-ed25519 ...}. */
    String knownHosts() {
        StringBuilder out = new StringBuilder();
        twins.forEach(t -> out.append(t.knownHosts()));
        return out.toString();
    }

    @Override
    public void close() {
        twins.forEach(SimCluster::close);
    }
}
