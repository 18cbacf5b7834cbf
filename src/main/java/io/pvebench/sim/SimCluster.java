package io.pvebench.sim;

import io.pvebench.sim.command.NodeShell;
import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.ModelClock;
import io.pvebench.sim.model.NetworkModel;
import io.pvebench.sim.model.StorageModel;
import io.pvebench.sim.model.NodeInfo;
import io.pvebench.sim.model.VersionProfile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A running twin: one SSH server per node on 127.0.0.1, sharing one {@link ClusterModel}.
 * Start with {@link #start(SimSpec)}, close when done (closing stops every node).
 * Thread-safe.
 *
 * <p>Faults: {@link #failNode(String)} stops a node's SSH server abruptly (open
 * channels close with no exit status, new connections are refused) and takes the node
 * out of the corosync membership, so the other nodes' {@code pvecm status},
 * {@code /cluster/status} and {@code /cluster/resources} show it gone.
 */
public final class SimCluster implements AutoCloseable {

    private final SimSpec spec;
    private final ClusterModel model;
    private final List<SimNode> nodes = new ArrayList<>();

    private SimCluster(SimSpec spec, Clock wallClock) {
        this.spec = spec;
        List<ClusterModel.VmDefinition> vms = spec.vms().stream()
                .map(v -> new ClusterModel.VmDefinition(v.vmid(), v.name(), v.node(), v.cores(), v.memoryBytes()))
                .toList();
        this.model = new ClusterModel(spec.clusterName(), VersionProfile.of(spec.pveVersion()), spec.nodes(), vms,
                new ModelClock(wallClock, spec.timeScale()), spec.seed());
        SimHardware hw = spec.hardware();
        this.model.configureHardware(new NetworkModel.Config(hw.linkGbit() * 1e9, hw.mtu(), hw.bondLinks(),
                hw.bondMode()), StorageModel.of(hw.storage()));
    }

    /** Starts every node on 127.0.0.1 with an ephemeral port; model time starts now. */
    public static SimCluster start(SimSpec spec) {
        return start(spec, Clock.systemUTC());
    }

    /**
     * Starts with the given wall clock: a fixed clock freezes model time (every printed
     * timestamp is the clock's instant), which makes whole outputs repeatable.
     */
    public static SimCluster start(SimSpec spec, Clock wallClock) {
        SimCluster cluster = new SimCluster(spec, wallClock);
        NodeShell shell = new NodeShell();
        try {
            for (NodeInfo info : cluster.model.nodes()) {
                SimNode node = new SimNode(info, cluster.model, shell, spec.loginUser(), spec.password(),
                        spec.authorizedKeys());
                cluster.nodes.add(node);
                node.start();
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public SimSpec spec() {
        return spec;
    }

    public List<SimNodeEndpoint> nodes() {
        return nodes.stream().map(SimNode::endpoint).toList();
    }

    public SimNodeEndpoint node(String name) {
        return find(name).endpoint();
    }

    /** Every node's known_hosts line, each ended by a newline. */
    public String knownHosts() {
        StringBuilder out = new StringBuilder();
        for (SimNodeEndpoint endpoint : nodes()) {
            out.append(endpoint.knownHostsLine()).append('\n');
        }
        return out.toString();
    }

    /** Fault: the node dies at once (see the class comment). Failing twice does nothing. */
    public void failNode(String name) {
        SimNode node = find(name);
        model.failNode(name);
        node.fail();
    }

    /**
     * Fault: the node's cluster link drops each packet with {@code probability} (0..1; 0
     * heals). Guests on other nodes see lost pings; guests on the same node do not.
     */
    public void setLinkLoss(String name, double probability) {
        find(name);
        model.setLinkLoss(name, probability);
    }

    @Override
    public void close() {
        for (SimNode node : nodes) {
            node.close();
        }
    }

    private SimNode find(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + name));
    }
}
