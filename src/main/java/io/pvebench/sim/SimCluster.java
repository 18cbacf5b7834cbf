package io.pvebench.sim;

import io.pvebench.sim.command.HaCrm;
import io.pvebench.sim.command.NodeShell;
import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.ModelClock;
import io.pvebench.sim.model.NetworkModel;
import io.pvebench.sim.model.StorageModel;
import io.pvebench.sim.model.NodeInfo;
import io.pvebench.sim.model.VersionProfile;

import io.pvebench.sim.model.HaState;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running twin: one SSH server per node on 127.0.0.1, sharing one {@link ClusterModel}.
 * Start with {@link #start(SimSpec)}, close when done (closing stops every node).
 * Thread-safe.
 *
 * <p>Faults: {@link #failNode(String)} stops a node's SSH server abruptly (open
 * channels close with no exit status, new connections are refused) and takes the node
 * out of the corosync membership, so the other nodes' {@code pvecm status},
 * {@code /cluster/status} and {@code /cluster/resources} show it gone; {@link #recoverNode}
 * boots it again. A node also crashes from its own shell ({@code sh -c 'echo b >
 * /proc/sysrq-trigger'}) and then boots after {@link SimClusterOptions#bootTime()} model
 * time. Link, latency and command faults are below; host faults (links, services,
 * iptables) are made with the node's own commands, as a pipeline would.
 *
 * <p>Thread-safety: every fault method may be called from any thread, also while
 * commands run; a fault takes effect for commands and packets that start after it
 * returns (a dropped session or a crash also ends commands in flight).
 */
public final class SimCluster implements AutoCloseable {

    private final SimSpec spec;
    private final ClusterModel model;
    private final List<SimNode> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The master CRM's 10-second round (HA state machine, CRS, auto-rebalance), in model time. */
    private volatile HaCrm crm;
    private final ScheduledExecutorService boots = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-boot");
        t.setDaemon(true);
        return t;
    });

    private SimCluster(SimSpec spec, Clock wallClock) {
        this.spec = spec;
        List<ClusterModel.VmDefinition> vms = spec.vms().stream()
                .map(v -> new ClusterModel.VmDefinition(v.vmid(), v.name(), v.node(), v.cores(), v.memoryBytes(),
                        v.diskBytes(), v.storage(), v.template()))
                .toList();
        this.model = new ClusterModel(spec.clusterName(), VersionProfile.of(spec.pveVersion()), spec.nodes(), vms,
                new ModelClock(wallClock, spec.timeScale()), spec.seed(), spec.options().qdeviceVotes(spec.nodes()));
        SimHardware hw = spec.hardware();
        this.model.configureHardware(new NetworkModel.Config(hw.linkGbit() * 1e9, hw.mtu(), hw.bondLinks(),
                hw.bondMode()), StorageModel.of(hw.storage()));
        for (String sid : spec.options().haResources()) {
            model.ha(ha -> ha.resources().put(sid, new HaState.Resource(sid, null, null, null, null, null)));
        }
        model.onCrash(this::crashed);
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
            cluster.crm = HaCrm.start(cluster.model);
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

    /**
     * Fault: the node comes back now, as after a reboot (services running, links up, no
     * iptables rules, SSH answering on the same port with the same host key). Does nothing
     * to a running node.
     */
    public void recoverNode(String name) {
        SimNode node = find(name);
        model.recoverNode(name);
        node.restart();
    }

    /** Fault: adds {@code extra} to every guest round trip that crosses the node's cluster link (zero heals). */
    public void setExtraLatency(String name, Duration extra) {
        find(name);
        model.setExtraLatency(name, extra);
    }

    /** Fault: every command on the node takes {@code extra} longer, in model time (zero heals). */
    public void slowCommands(String name, Duration extra) {
        find(name).faults().slow(extra);
    }

    /** Fault: closes every open SSH session of the node at once (no exit status); new sessions are accepted. */
    public void dropSessions(String name) {
        find(name).dropSessions();
    }

    /**
     * Fault: commands on the node whose line starts with {@code commandPrefix} do not run
     * and exit {@code exit} printing {@code stderr}.
     */
    public void failCommands(String name, String commandPrefix, int exit, String stderr) {
        find(name).faults().fail(commandPrefix, exit, stderr);
    }

    /** Heals the node's command faults ({@link #slowCommands}, {@link #failCommands}) and its extra latency. */
    public void clearFaults(String name) {
        find(name).faults().clear();
        model.setExtraLatency(name, Duration.ZERO);
    }

    /** The twin's time (model time, faster than the wall clock by the spec's time scale). */
    public java.time.Clock clock() {
        return model.clock().asClock();
    }

    /** Model seconds per wall second. */
    public double timeScale() {
        return model.clock().timeScale();
    }

    /** The simulated cluster state, for assertions and for later parts of the twin. */
    public ClusterModel model() {
        return model;
    }

    /** A crashed node's SSH server dies; a reset node boots after the spec's boot time. */
    private void crashed(String name, boolean reboots) {
        SimNode node = find(name);
        Thread killer = new Thread(node::fail, "sim-" + name + "-crash");
        killer.setDaemon(true);
        killer.start();
        Duration boot = spec.options().bootTime();
        if (reboots && boot != null) {
            long wallNanos = model.clock().wallDuration(boot).toNanos();
            boots.schedule(() -> {
                try {
                    killer.join();
                    recoverNode(name);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    // the twin was closed meanwhile
                }
            }, wallNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        HaCrm running = crm;
        if (running != null) {
            running.close();
        }
        boots.shutdownNow();
        for (SimNode node : nodes) {
            node.close();
        }
    }

    private SimNode find(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + name));
    }
}
