package io.pvebench.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state of one simulated cluster. Nodes: 16 cores, 64 GiB, 100 GiB root disk,
 * cluster network {@code 10.0.99.(10+N)}. VMs run from the start with a small idle load.
 * Guest addresses are on one bridge spanning all nodes, {@code 10.10.0.0/16}: the i-th VM
 * gets {@code 10.10.10.(101+i)}, then on through {@code 10.10.11.1}, ... (see
 * {@link #guestAddress}), so a thousand VMs each have a valid, distinct address.
 *
 * <p>Status numbers are drawn per call from {@link Randoms} (per node / per VM), so the
 * same seed and call sequence give the same values. When a node fails its last numbers
 * are frozen: pmxcfs keeps a node's RRD entries for 5 minutes after their last update
 * ({@code rrd_entry_is_old} in pve-cluster {@code status.c}), so {@code /cluster/resources}
 * shows stale VM stats for that long, then only {@code status: unknown}.
 *
 * <p>Load: guest programs register what they ask for ({@link #startLoad}); node and VM
 * stats then follow the {@link LoadModel} (CPU and iowait as the mean of pvestatd's last
 * 10 s period, memory, disk and network counters that grow), ping and iperf3 meet the
 * {@link NetworkModel} under that load ({@link #pathLoad}), and {@link
 * #dirtyBytesPerSecond} tells live migration how fast a guest dirties memory.
 *
 * <p>Thread-safe: every method synchronizes on the model.
 */
public final class ClusterModel {

    public static final Duration RRD_EXPIRY = Duration.ofMinutes(5);
    private static final int NODE_CORES = 16;
    private static final long NODE_MEMORY = 64L << 30;
    private static final long NODE_DISK = 100L << 30;
    private static final long VM_DISK = 32L << 30;
    private static final int AGENT_BOOT_MIN_MS = 8_000;
    private static final int AGENT_BOOT_SPREAD_MS = 12_000;

    private final String clusterName;
    private final VersionProfile profile;
    private final ModelClock clock;
    private final Randoms randoms;
    private volatile NetworkModel network = new NetworkModel();
    private StorageModel storage = StorageModel.LOCAL_LVM;
    private final LoadModel load;
    private final Map<Integer, Map<String, String>> guestFiles = new HashMap<>();
    private final Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    private final Map<Integer, VmInfo> vms = new TreeMap<>();
    private final Map<Integer, String> vmNode = new HashMap<>();
    private final Map<String, Instant> failedAt = new HashMap<>();
    private final Map<String, NodeStats> frozenNodeStats = new HashMap<>();
    private final Map<Integer, VmStats> frozenVmStats = new HashMap<>();
    private final Map<String, Iperf3Listener> iperf3 = new HashMap<>();
    private final List<HttpListener> http = new ArrayList<>();
    private final Map<String, Double> linkLoss = new HashMap<>();
    private final Map<Integer, Integer> guestMtu = new HashMap<>();
    private long ringSeq;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Journal journal = new Journal();
    private final HaState ha = new HaState();
    private final DatacenterConfig datacenter = new DatacenterConfig();
    private final Map<String, Duration> extraLatency = new HashMap<>();
    private final List<MigrationRecord> migrations = new ArrayList<>();
    private final Map<String, Instant> leftMain = new HashMap<>();
    private final List<java.util.function.BiConsumer<String, Boolean>> crashListeners = new ArrayList<>();
    private Corosync corosync;
    // VM lifecycle (qm start/stop/clone/destroy/set): see the methods after vmStats
    private final Tasks tasks;
    private final Map<Integer, VmConfig> configs = new HashMap<>();
    private final Set<Integer> stoppedVms = new HashSet<>();
    /** When the guest agent of a VM started by the twin answers; VMs running from the start answer at once. */
    private final Map<Integer, Instant> agentReadyAt = new HashMap<>();
    private Map<String, List<VmInfo>> vmsByNode;
    private int guestIndex;

    public ClusterModel(String clusterName, VersionProfile profile, int nodeCount, List<VmDefinition> vmDefs,
                        ModelClock clock, long seed) {
        this(clusterName, profile, nodeCount, vmDefs, clock, seed, 0);
    }

    /**
     * A model whose cluster has a QDevice with {@code qdeviceVotes} votes (0: none;
     * {@code pvecm qdevice setup} gives 1 vote on even node counts, nodes - 1 on odd).
     */
    public ClusterModel(String clusterName, VersionProfile profile, int nodeCount, List<VmDefinition> vmDefs,
                        ModelClock clock, long seed, int qdeviceVotes) {
        this.clusterName = clusterName;
        this.profile = profile;
        this.clock = clock;
        this.randoms = new Randoms(seed);
        Instant start = clock.start();
        for (int i = 1; i <= nodeCount; i++) {
            Random r = randoms.fixed("node/boot/" + i);
            Instant booted = start.minusSeconds(86_400L + r.nextInt(20 * 86_400));
            nodes.put("pve" + i, new NodeInfo("pve" + i, i, "10.0.99." + (10 + i), NODE_CORES, NODE_MEMORY,
                    NODE_DISK, booted));
        }
        int index = 0;
        for (VmDefinition def : vmDefs) {
            Random r = randoms.fixed("vm/fixed/" + def.vmid());
            String mac = String.format("BC:24:11:%02X:%02X:%02X", r.nextInt(256), r.nextInt(256), r.nextInt(256));
            Instant started = start.minusSeconds(3_600L + r.nextInt(5 * 86_400));
            vms.put(def.vmid(), new VmInfo(def.vmid(), def.name(), def.cores(), def.memoryBytes(), def.diskBytes(),
                    guestAddress(index), GUEST_PREFIX, mac, 1_000 + r.nextInt(3_000_000), started));
            vmNode.put(def.vmid(), def.node());
            Random c = randoms.fixed("vm/config/" + def.vmid());
            long ctime = started.getEpochSecond() - 600 - c.nextInt(30 * 86_400);
            VmConfig config = VmConfig.created(def.vmid(), def.name(), def.cores(), def.memoryBytes(),
                    def.diskBytes(), def.storage(), mac, qemuVersion(), ctime, c);
            if (def.template()) {
                // made with 'qm template' before the twin started: its disks are base volumes, it never runs
                config = config.asTemplate();
                stoppedVms.add(def.vmid());
            }
            configs.put(def.vmid(), config);
            index++;
        }
        this.guestIndex = index;
        this.tasks = new Tasks(clock, randoms, n -> node(n).bootedAt());
        this.ringSeq = 0x10 + 4L * randoms.fixed("ring").nextInt(16);
        for (NodeInfo n : nodes.values()) {
            hosts.put(n.name(), new Host(900 + randoms.fixed("host/pid/" + n.nodeId()).nextInt(600)));
        }
        this.corosync = new Corosync(List.copyOf(nodes.values()), hosts, journal, qdeviceVotes, ringSeq);
        rebuildNetworks();
        this.load = new LoadModel(new LoadModel.Topology() {
            @Override
            public List<VmInfo> vmsOn(String node) {
                // a stopped VM puts no load on its node
                return ClusterModel.this.vmsOn(node).stream().filter(vm -> !stoppedVms.contains(vm.vmid())).toList();
            }

            @Override
            public String nodeOf(int vmid) {
                return ClusterModel.this.nodeOf(vmid);
            }

            @Override
            public VmInfo vm(int vmid) {
                return vms.get(vmid);
            }

            @Override
            public int cores(String node) {
                return ClusterModel.this.node(node).cores();
            }

            @Override
            public StorageModel storage(String node) {
                return storage;
            }
        }, start);
    }

    /** Sets the nodes' network hardware and the storage guest disks live on (before use). */
    public synchronized void configureHardware(NetworkModel.Config net, StorageModel guestStorage) {
        this.network = new NetworkModel(net);
        this.storage = guestStorage;
        guestMtu.clear();
        rebuildNetworks();
    }

    // ---- network devices: the nodes' (HostNetwork) and the guests' NIC ----

    /** Every node's devices as it boots with the hardware, and the devices of the VMs running on it. */
    private void rebuildNetworks() {
        NetworkModel.Config c = network.config();
        for (Map.Entry<String, Host> h : hosts.entrySet()) {
            h.getValue().configureNetwork(c.bondLinks(), c.bondMode(), c.mtu());
            plugVms(h.getKey());
        }
    }

    private void plugVms(String node) {
        for (VmInfo vm : vmsOn(node)) {
            if (!stoppedVms.contains(vm.vmid())) {
                plug(vm.vmid(), node);
            }
        }
    }

    private void plug(int vmid, String node) {
        VmConfig config = configs.get(vmid);
        boolean firewall = config == null || config.values().getOrDefault("net0", "").contains("firewall=1");
        hosts.get(node).network().plugVm(vmid, firewall);
    }

    private void unplug(int vmid, String node) {
        if (node != null) {
            hosts.get(node).network().unplugVm(vmid);
        }
    }

    /** Reads a node's network devices under the model's lock ({@code ip link show}); must not change them. */
    public synchronized <T> T network(String node, java.util.function.Function<HostNetwork, T> read) {
        node(node);
        return read.apply(hosts.get(node).network());
    }

    /**
     * Changes a node's network devices under the model's lock ({@code ip link set});
     * membership is brought up to date afterwards, since a link or bond going down cuts the
     * node off the cluster network.
     */
    public synchronized <T> T changeNetwork(String node, java.util.function.Function<HostNetwork, T> change) {
        node(node);
        T result = change.apply(hosts.get(node).network());
        refresh();
        return result;
    }

    /** Largest MTU a guest's virtio NIC takes (no {@code mtu=} on its net0: no host_mtu limit). */
    public static final int GUEST_MAX_MTU = 65535;

    /** The MTU of a guest's {@code eth0}: the hardware's until the guest sets another, again after a restart. */
    public synchronized int guestMtu(int vmid) {
        return guestMtu.getOrDefault(vmid, network.config().mtu());
    }

    /** {@code ip link set dev eth0 mtu N} inside the guest; {@code mtu} within 68..{@value #GUEST_MAX_MTU}. */
    public synchronized void setGuestMtu(int vmid, int mtu) {
        if (mtu < HostNetwork.MIN_MTU || mtu > GUEST_MAX_MTU) {
            throw new IllegalArgumentException("guest mtu out of range: " + mtu);
        }
        guestMtu.put(vmid, mtu);
    }

    /**
     * The network between two guests as their traffic meets it now: the link speed; the
     * frame size TCP uses, the smaller of the two guests' MTU (each end announces an MSS
     * from its own); the largest frame every device on the way passes (the VMs' host-side
     * devices, and both nodes' uplinks when it crosses nodes; a bridge forwards by its
     * ports' MTU, not its own); the sending node's bond. See {@link NetworkModel}.
     */
    public synchronized NetworkModel network(VmInfo from, VmInfo to) {
        String a = vmNode.get(from.vmid());
        String b = vmNode.get(to.vmid());
        int frame = Math.min(guestMtu(from.vmid()), guestMtu(to.vmid()));
        int path = Integer.MAX_VALUE;
        for (int vmid : new int[] {from.vmid(), to.vmid()}) {
            int own = hosts.get(vmNode.get(vmid)).network().vmPathMtu(vmid);
            if (own > 0) {
                path = Math.min(path, own);
            }
        }
        if (!a.equals(b)) {
            path = Math.min(path, Math.min(hosts.get(a).network().uplinkMtu(), hosts.get(b).network().uplinkMtu()));
        }
        path = path == Integer.MAX_VALUE ? frame : path;
        HostNetwork src = hosts.get(a).network();
        NetworkModel.Config c = network.config();
        return new NetworkModel(new NetworkModel.Config(c.linkBitsPerSecond(), frame, path, src.activeLinks(),
                src.bondMode()));
    }

    /**
     * Whether an IP packet of {@code ipBytes} from one guest reaches the other: the sender
     * cuts it into fragments no larger than its MTU, and a frame larger than a device on
     * the way or the receiver's MTU is dropped there (a bridge sends no ICMP back).
     */
    public synchronized boolean fits(VmInfo from, VmInfo to, int ipBytes) {
        NetworkModel net = network(from, to);
        int fragment = Math.min(ipBytes, guestMtu(from.vmid()));
        return fragment <= Math.min(net.config().pathMtu(), guestMtu(to.vmid()));
    }

    public synchronized StorageModel storage() {
        return storage;
    }

    // ---- load (see LoadModel) ----

    /**
     * A guest program starts loading the guest now, for {@code duration} of model time
     * ({@code null}: until {@link #stopLoad}).
     */
    public synchronized GuestLoad startLoad(int vmid, String tool, Duration duration, GuestLoad.Demand demand) {
        Instant now = clock.now();
        Instant end = duration == null ? Instant.MAX : now.plus(duration);
        return load.start(vmid, tool, now, end, demand);
    }

    /** Kills a guest's running {@code tool} programs now; returns how many ran. */
    public synchronized int stopLoad(int vmid, String tool) {
        return load.stop(vmid, tool, clock.now());
    }

    /** Ends one program's load now (its process was killed); false when it had already ended. */
    public synchronized boolean stopLoad(GuestLoad job) {
        return load.stop(job, clock.now());
    }

    public synchronized List<GuestLoad> runningLoads(int vmid) {
        return load.running(vmid, clock.now());
    }

    /** A guest's load right now (not smoothed). */
    public synchronized LoadModel.VmLoad vmLoad(int vmid) {
        return load.vmLoad(vmid, clock.now());
    }

    /** A node's load right now (not smoothed). */
    public synchronized LoadModel.NodeLoad nodeLoad(String node) {
        return load.nodeLoad(node, clock.now());
    }

    /**
     * Guest memory the VM dirties per second right now, bytes (idle about 1.5 MiB/s, a
     * stress-ng {@code --vm} worker about 1.6 GiB/s): what pre-copy live migration must
     * outrun.
     */
    public synchronized double dirtyBytesPerSecond(int vmid) {
        return load.vmLoad(vmid, clock.now()).dirtyBytesPerSecond();
    }

    /** {@code /proc/loadavg}'s three averages inside a guest. */
    public synchronized double[] guestLoadavg(int vmid) {
        return load.guestLoadavg(vmid, clock.now());
    }

    public synchronized double[] nodeLoadavg(String node) {
        return load.nodeLoadavg(node, clock.now());
    }

    /** The node's iowait fraction as pvestatd last sampled it (mean of the last 10 s window). */
    public synchronized double nodeIowait(String node) {
        Instant w = sampleInstant();
        return load.nodeIowaitAverage(node, w.minus(SAMPLE_PERIOD), w);
    }

    /** What a path between two guests meets right now. */
    public synchronized NetworkModel.PathLoad pathLoad(VmInfo from, VmInfo to) {
        Instant now = clock.now();
        LoadModel.VmLoad a = load.vmLoad(from.vmid(), now);
        LoadModel.VmLoad b = load.vmLoad(to.vmid(), now);
        LoadModel.NodeLoad na = load.nodeLoad(vmNode.get(from.vmid()), now);
        LoadModel.NodeLoad nb = load.nodeLoad(vmNode.get(to.vmid()), now);
        String src = vmNode.get(from.vmid());
        String dst = vmNode.get(to.vmid());
        int flows = 0;
        double bits = 0;
        if (!src.equals(dst)) {
            for (VmInfo vm : vms.values()) {
                for (GuestLoad job : load.running(vm.vmid(), now)) {
                    GuestLoad.Demand d = job.demand();
                    String peerNode = d.peerVmid() == 0 ? null : vmNode.get(d.peerVmid());
                    String ownNode = vmNode.get(vm.vmid());
                    if (d.netBitsPerSecond() > 0 && peerNode != null && !peerNode.equals(ownNode)
                            && (ownNode.equals(src) || peerNode.equals(dst))) {
                        flows++;
                        bits += d.netBitsPerSecond();
                    }
                }
            }
        }
        if (!src.equals(dst)) {
            for (MigrationRecord m : migrations) {
                if (m.copying(now) && m.vmid() != from.vmid() && m.vmid() != to.vmid()
                        && (m.source().equals(src) || m.target().equals(dst))) {
                    flows++;
                    bits += m.bytesPerSecond() * 8;
                }
            }
        }
        return new NetworkModel.PathLoad(a.guestShare(), b.guestShare(), na.share(), nb.share(),
                na.utilization(), nb.utilization(), na.demandCores() / na.cores(), nb.demandCores() / nb.cores(),
                Math.min(1, a.cpuUsed() / from.cores()), Math.min(1, b.cpuUsed() / to.cores()), flows,
                Math.min(1, bits / network(from, to).uplinkGoodput()));
    }

    /**
     * Starts a bulk network flow from one guest to another for {@code duration}: it loads both nodes,
     * fills the link that other flows and pings then meet, and counts into netout/netin.
     */
    public synchronized GuestLoad startFlow(int fromVmid, int toVmid, String tool, Duration duration,
                                            double bitsPerSecond) {
        // a sender costs about a third of a core and a few MiB of buffers besides the bits it moves
        return startLoad(fromVmid, tool, duration,
                new GuestLoad.Demand(1, 0.35, 0, 8L << 20, 0, 0, 0, 0, bitsPerSecond, toVmid));
    }

    /** One ping round trip between two guests right now, microseconds. */
    public synchronized long rttMicros(VmInfo from, VmInfo to, Random random) {
        return network(from, to).rttMicros(path(from, to), random, pathLoad(from, to));
    }

    // ---- live migration (see LiveMigration) ----

    /** Keeps a live migration's plan: probes, loads and the link see it from now on. */
    public synchronized void recordMigration(MigrationRecord migration) {
        migrations.add(migration);
    }

    /** Replaces the record of a migration that failed before its switch-over ({@link MigrationRecord#failedAt}). */
    public synchronized void failMigration(MigrationRecord migration, Instant at) {
        int k = migrations.indexOf(migration);
        if (k >= 0) {
            migrations.set(k, migration.failedAt(at));
        }
    }

    /** Every live migration so far, oldest first: the truth for tests of probes and parsers. */
    public synchronized List<MigrationRecord> migrations() {
        return List.copyOf(migrations);
    }

    /** The last live migration of a VM, if any. */
    public synchronized Optional<MigrationRecord> lastMigration(int vmid) {
        for (int k = migrations.size() - 1; k >= 0; k--) {
            if (migrations.get(k).vmid() == vmid) {
                return Optional.of(migrations.get(k));
            }
        }
        return Optional.empty();
    }

    /** Whether a packet between two guests at {@code at} meets either paused for a migration's switch-over. */
    public synchronized boolean migrationBlackout(VmInfo from, VmInfo to, Instant at) {
        for (MigrationRecord m : migrations) {
            if ((m.vmid() == from.vmid() || m.vmid() == to.vmid()) && m.blackout(at)) {
                return true;
            }
        }
        return false;
    }

    /** Extra round trip at {@code at} from a migration of either guest starting, microseconds. */
    public synchronized long migrationDelayMicros(VmInfo from, VmInfo to, Instant at) {
        long extra = 0;
        for (MigrationRecord m : migrations) {
            if (m.vmid() == from.vmid() || m.vmid() == to.vmid()) {
                extra += m.startSpikeMicros(at);
            }
        }
        return extra;
    }

    /** Auto-converge's throttle of a guest's vCPUs at {@code at}, 0..1 (0 when none migrates). */
    public synchronized double cpuThrottle(int vmid, Instant at) {
        double t = 0;
        for (MigrationRecord m : migrations) {
            if (m.vmid() == vmid) {
                t = Math.max(t, m.throttleAt(at));
            }
        }
        return t;
    }

    /**
     * The fraction of its CPU time a guest's programs get between two instants because of
     * migrations (1 without one): auto-converge's throttle takes its share, the switch-over
     * pause all of it. Sampled every millisecond (coarser over long spans).
     */
    public synchronized double guestRunFraction(int vmid, Instant from, Instant to) {
        return sampled(vmid, from, to, 1, at -> paused(vmid, at) ? 0 : 1 - cpuThrottle(vmid, at));
    }

    /** The fraction of the time between two instants a guest was paused for a migration's switch-over. */
    public synchronized double guestPausedFraction(int vmid, Instant from, Instant to) {
        return sampled(vmid, from, to, 0, at -> paused(vmid, at) ? 1 : 0);
    }

    private boolean paused(int vmid, Instant at) {
        return migrations.stream().anyMatch(m -> m.vmid() == vmid && m.blackout(at));
    }

    /**
     * The mean of {@code f} over a span, {@code calm} when the guest never migrated. Every millisecond,
     * so that a 0.1 s report interval sees its share of a pause of a few ms; at most 2,000 samples.
     */
    private double sampled(int vmid, Instant from, Instant to, double calm,
                           java.util.function.ToDoubleFunction<Instant> f) {
        long span = Duration.between(from, to).toNanos();
        if (span <= 0 || migrations.stream().noneMatch(m -> m.vmid() == vmid)) {
            return calm;
        }
        long step = Math.max(1_000_000L, span / 2_000);
        double sum = 0;
        int samples = 0;
        for (long t = step / 2; t < span; t += step) {
            sum += f.applyAsDouble(from.plusNanos(t));
            samples++;
        }
        return samples == 0 ? calm : sum / samples;
    }

    /** A file in a guest's (in-memory) filesystem, as a program wrote it. */
    public synchronized Optional<String> guestFile(int vmid, String path) {
        return Optional.ofNullable(guestFiles.getOrDefault(vmid, Map.of()).get(path));
    }

    public synchronized void writeGuestFile(int vmid, String path, String content) {
        guestFiles.computeIfAbsent(vmid, k -> new HashMap<>()).put(path, content);
    }

    /** pvestatd's sampling period: the stats shown are the mean of the last full period. */
    public static final Duration SAMPLE_PERIOD = Duration.ofSeconds(10);

    private Instant sampleInstant() {
        Instant now = clock.now();
        long period = SAMPLE_PERIOD.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), period) * period);
    }

    /** The guests' bridge is one /16 spanning all nodes. */
    static final int GUEST_PREFIX = 16;

    /**
     * The address of the {@code index}-th guest: {@code 10.10.10.101} for the first, counting
     * through host numbers 1..254 of each following /24 (never a network or broadcast address).
     */
    static String guestAddress(int index) {
        int host = 10 * 254 + 100 + index;
        int third = host / 254;
        if (third > 255) {
            throw new IllegalArgumentException("no guest address left for VM number " + (index + 1));
        }
        return "10.10." + third + "." + (host % 254 + 1);
    }

    /** A VM as the spec gives it; disk size in bytes on {@code storage} (see {@link StorageInfo}). */
    public record VmDefinition(int vmid, String name, String node, int cores, long memoryBytes, long diskBytes,
                               String storage, boolean template) {

        public VmDefinition(int vmid, String name, String node, int cores, long memoryBytes) {
            this(vmid, name, node, cores, memoryBytes, VM_DISK, StorageInfo.LOCAL_LVM, false);
        }

        public VmDefinition(int vmid, String name, String node, int cores, long memoryBytes, long diskBytes,
                            String storage) {
            this(vmid, name, node, cores, memoryBytes, diskBytes, storage, false);
        }
    }

    public String clusterName() {
        return clusterName;
    }

    public VersionProfile profile() {
        return profile;
    }

    public ModelClock clock() {
        return clock;
    }

    public Randoms randoms() {
        return randoms;
    }

    public NetworkModel network() {
        return network;
    }

    public synchronized List<NodeInfo> nodes() {
        return List.copyOf(nodes.values());
    }

    public synchronized NodeInfo node(String name) {
        NodeInfo info = nodes.get(name);
        if (info == null) {
            throw new IllegalArgumentException("no node " + name);
        }
        return info;
    }

    public synchronized boolean online(String node) {
        return !failedAt.containsKey(node);
    }

    /** Marks a node failed: it leaves the corosync membership and its stats freeze. */
    public synchronized void failNode(String node) {
        node(node);
        if (failedAt.containsKey(node)) {
            return;
        }
        frozenNodeStats.put(node, nodeStats(node));
        for (VmInfo vm : vmsOn(node)) {
            frozenVmStats.put(vm.vmid(), vmStats(vm.vmid()));
        }
        failedAt.put(node, clock.now());
        corosync.leaving(node, Corosync.Leave.LOST);
        corosync.setDown(node, true);
        refresh();
    }

    public synchronized List<VmInfo> vms() {
        return List.copyOf(vms.values());
    }

    public synchronized Optional<VmInfo> vm(int vmid) {
        return Optional.ofNullable(vms.get(vmid));
    }

    public synchronized String nodeOf(int vmid) {
        return vmNode.get(vmid);
    }

    /** The VMs placed on {@code node}, in vmid order. Indexed: the load model asks this per VM per call. */
    public synchronized List<VmInfo> vmsOn(String node) {
        if (vmsByNode == null) {
            Map<String, List<VmInfo>> index = new HashMap<>();
            for (VmInfo vm : vms.values()) {
                index.computeIfAbsent(vmNode.get(vm.vmid()), k -> new ArrayList<>()).add(vm);
            }
            index.replaceAll((k, list) -> List.copyOf(list));
            vmsByNode = index;
        }
        return vmsByNode.getOrDefault(node, List.of());
    }

    /** Forgets the node index of {@link #vmsOn}; called on every change of a VM or its placement. */
    private void vmsChanged() {
        vmsByNode = null;
    }

    public synchronized Optional<VmInfo> vmByIp(String ip) {
        return vms.values().stream().filter(v -> v.ip().equals(ip)).findFirst();
    }

    /** A guest answers on the network while its node is up. */
    public synchronized boolean reachable(VmInfo vm) {
        return online(vmNode.get(vm.vmid())) && !stoppedVms.contains(vm.vmid());
    }

    /**
     * Fault: the node's cluster link drops each packet with {@code probability}
     * (0 heals it). Traffic between two VMs crosses the links of both their nodes, or
     * none when they share a node.
     */
    public synchronized void setLinkLoss(String node, double probability) {
        node(node);
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("loss probability must be 0..1: " + probability);
        }
        linkLoss.put(node, probability);
    }

    /** Probability that one packet from {@code from} to {@code to} is lost. */
    public synchronized double loss(VmInfo from, VmInfo to) {
        String a = vmNode.get(from.vmid());
        String b = vmNode.get(to.vmid());
        if (a.equals(b)) {
            return 0;
        }
        if (!hosts.get(a).clusterLinkUp() || !hosts.get(b).clusterLinkUp()) {
            return 1; // an interface of the link set down (ip link set ... down)
        }
        double pass = (1 - linkLoss.getOrDefault(a, 0.0)) * (1 - linkLoss.getOrDefault(b, 0.0));
        return 1 - pass;
    }

    public synchronized NetworkModel.Path path(VmInfo from, VmInfo to) {
        if (from.vmid() == to.vmid()) {
            return NetworkModel.Path.SELF;
        }
        return vmNode.get(from.vmid()).equals(vmNode.get(to.vmid()))
                ? NetworkModel.Path.SAME_NODE : NetworkModel.Path.CROSS_NODE;
    }

    public synchronized NodeStats nodeStats(String node) {
        NodeStats frozen = frozenNodeStats.get(node);
        if (frozen != null) {
            return frozen;
        }
        NodeInfo info = node(node);
        Random r = randoms.next("node/" + node);
        Instant now = clock.now();
        Instant w = sampleInstant();
        double cpu = Math.min(1, load.nodeCpuAverage(node, w.minus(SAMPLE_PERIOD), w) + 0.004 * r.nextDouble());
        long mem = load.nodeLoad(node, w).memUsed() + r.nextInt(200 << 20);
        long disk = (5_200L << 20) + r.nextInt(64 << 20);
        return new NodeStats(Duration.between(info.bootedAt(), now).toSeconds(), round(cpu, 6), mem, disk);
    }

    /**
     * A node's usage as the CRS reads it. Dynamic: the last pvestatd sample (the mean CPU
     * of the last full {@link #SAMPLE_PERIOD} times the core count, memory used at its end),
     * the values {@link #nodeStats} reports without their sampling noise. Static: the
     * configured vCPUs and memory of the running guests on the node (HA or not).
     */
    public synchronized Crs.NodeUsage crsNodeUsage(String node, boolean dynamic) {
        NodeInfo info = node(node);
        if (dynamic) {
            Instant w = sampleInstant();
            double cpu = load.nodeCpuAverage(node, w.minus(SAMPLE_PERIOD), w) * info.cores();
            return new Crs.NodeUsage(cpu, info.cores(), load.nodeLoad(node, w).memUsed(), info.memoryBytes());
        }
        double cpu = 0;
        double mem = 0;
        for (VmInfo vm : vmsOn(node)) {
            if (!stoppedVms.contains(vm.vmid())) {
                cpu += vm.cores();
                mem += vm.memoryBytes();
            }
        }
        return new Crs.NodeUsage(cpu, info.cores(), mem, info.memoryBytes());
    }

    /**
     * What a running guest puts on its node as the CRS reads it. Dynamic: its last pvestatd
     * sample (CPU fraction times vCPUs, guest memory used), without {@link #vmStats}' noise.
     * Static: configured vCPUs and memory.
     */
    public synchronized Crs.GuestUsage crsGuestUsage(int vmid, boolean dynamic) {
        VmInfo vm = vms.get(vmid);
        if (!dynamic) {
            return new Crs.GuestUsage(vm.cores(), vm.memoryBytes());
        }
        Instant w = sampleInstant();
        double cpu = load.vmCpuAverage(vmid, w.minus(SAMPLE_PERIOD), w) * vm.cores();
        return new Crs.GuestUsage(cpu, load.vmLoad(vmid, w).memUsed());
    }

    public synchronized VmStats vmStats(int vmid) {
        VmStats frozen = frozenVmStats.get(vmid);
        if (frozen != null) {
            return frozen;
        }
        if (stoppedVms.contains(vmid)) {
            return new VmStats("stopped", 0, 0.0, 0, 0, 0, 0, 0, 0, 0);
        }
        VmInfo vm = vms.get(vmid);
        Random r = randoms.next("vm/" + vmid);
        Instant now = clock.now();
        long uptime = Duration.between(vm.startedAt(), now).toSeconds();
        Instant w = sampleInstant();
        // sampling noise: a little relative jitter, and idle guests' small wake-ups
        double cpu = load.vmCpuAverage(vmid, w.minus(SAMPLE_PERIOD), w) * (0.97 + 0.06 * r.nextDouble())
                + 0.008 * (r.nextDouble() - 0.5);
        cpu = Math.max(0.0005, Math.min(1, cpu));
        LoadModel.VmLoad now2 = load.vmLoad(vmid, w);
        long mem = Math.min(vm.memoryBytes(), now2.memUsed() - vm.memoryBytes() * 2 / 100
                + vm.memoryBytes() * r.nextInt(6) / 100);
        long memhost = mem + (180L << 20) + r.nextInt(16 << 20);
        double[] c = load.counters(vmid, now);
        // background chatter (ARP, NTP, apt) of about 1.2 kB/s in, 0.6 kB/s out, plus the load model's traffic
        long netin = uptime * 1_200 + (long) c[2];
        long netout = uptime * 600 + (long) c[3];
        long diskread = 350L * 1024 * 1024 + uptime * 40 + (long) c[0];
        long diskwrite = 120L * 1024 * 1024 + uptime * 2_000 + (long) c[1];
        return new VmStats("running", uptime, round(cpu, 6), mem, memhost, 0, netin, netout, diskread, diskwrite);
    }

    // --- VM lifecycle: configs, run state, new and destroyed VMs ---

    public Tasks tasks() {
        return tasks;
    }

    /** The QEMU version a VM created or started now gets ({@code creation-qemu}, {@code running-qemu}). */
    public String qemuVersion() {
        return profile.memhost() ? "11.0.0" : "9.2.0";
    }

    public synchronized Optional<VmConfig> config(int vmid) {
        return Optional.ofNullable(configs.get(vmid));
    }

    public synchronized boolean running(int vmid) {
        return vms.containsKey(vmid) && !stoppedVms.contains(vmid);
    }

    /** Replaces a VM's config; name and size in {@link #vm} follow it (pending changes do not). */
    public synchronized void setConfig(VmConfig config) {
        VmInfo old = vms.get(config.vmid());
        if (old == null) {
            throw new IllegalArgumentException("no VM " + config.vmid());
        }
        configs.put(config.vmid(), config);
        vms.put(config.vmid(), new VmInfo(old.vmid(), config.name(), config.cores(), config.memoryBytes(),
                config.bootDiskBytes(), old.ip(), old.prefix(), old.mac(), old.pid(), old.startedAt()));
        vmsChanged();
    }

    /** Starts a stopped VM: pending changes applied, a new QEMU pid, uptime from now. */
    public synchronized void startVm(int vmid) {
        VmInfo old = vms.get(vmid);
        setConfig(configs.get(vmid).applyPending());
        VmInfo vm = vms.get(vmid);
        int pid = 1_000 + randoms.next("vm/start/" + vmid).nextInt(3_000_000);
        vms.put(vmid, new VmInfo(vmid, vm.name(), vm.cores(), vm.memoryBytes(), vm.diskBytes(), old.ip(),
                old.prefix(), old.mac(), pid, clock.now()));
        vmsChanged();
        if (stoppedVms.remove(vmid)) {
            plug(vmid, vmNode.get(vmid));
        }
        // a guest that died with its node and starts again (elsewhere, after a recovery) is sampled afresh
        frozenVmStats.remove(vmid);
        guestMtu.remove(vmid); // a booting guest configures its NIC afresh
        // QEMU boots, then the guest OS, then qemu-guest-agent starts (a Debian cloud image: 8-20 s)
        agentReadyAt.put(vmid, clock.now().plusMillis(AGENT_BOOT_MIN_MS
                + randoms.next("vm/agent/" + vmid).nextInt(AGENT_BOOT_SPREAD_MS)));
    }

    /**
     * Whether the VM's QEMU guest agent answers: the VM runs and, if the twin started it,
     * its guest has booted far enough to run qemu-guest-agent.
     */
    public synchronized boolean agentRunning(int vmid) {
        if (!running(vmid)) {
            return false;
        }
        Instant ready = agentReadyAt.get(vmid);
        return ready == null || !clock.now().isBefore(ready);
    }

    public synchronized void stopVm(int vmid) {
        if (vms.containsKey(vmid)) {
            if (stoppedVms.add(vmid)) {
                unplug(vmid, vmNode.get(vmid));
            }
            iperf3.values().removeIf(l -> l.vmid() == vmid);
            // a stopped guest runs nothing: its load and flows end now, not at their planned end
            Instant now = clock.now();
            for (GuestLoad job : load.running(vmid, now)) {
                load.stop(vmid, job.tool(), now);
            }
        }
    }

    /** Adds a new, stopped VM on {@code node} (a clone): the next guest address, its config's MAC. */
    public synchronized VmInfo addVm(VmConfig config, String node) {
        node(node);
        if (vms.containsKey(config.vmid())) {
            throw new IllegalArgumentException("VM " + config.vmid() + " exists");
        }
        String mac = config.mac() == null ? "BC:24:11:00:00:00" : config.mac();
        VmInfo vm = new VmInfo(config.vmid(), config.name(), config.cores(), config.memoryBytes(),
                config.bootDiskBytes(), guestAddress(guestIndex++), GUEST_PREFIX, mac, 0, clock.now());
        vms.put(vm.vmid(), vm);
        vmNode.put(vm.vmid(), node);
        vmsChanged();
        configs.put(vm.vmid(), config);
        stoppedVms.add(vm.vmid());
        return vm;
    }

    /** Moves a VM's config to another node (clone with {@code --target}, migration). */
    public synchronized void moveVm(int vmid, String node) {
        node(node);
        if (vms.containsKey(vmid)) {
            String from = vmNode.put(vmid, node);
            vmsChanged();
            if (!stoppedVms.contains(vmid) && !node.equals(from)) {
                // the target makes new devices with its bridge's MTU; the guest keeps its own
                unplug(vmid, from);
                plug(vmid, node);
            }
        }
    }

    public synchronized void removeVm(int vmid) {
        if (!stoppedVms.contains(vmid)) {
            unplug(vmid, vmNode.get(vmid));
        }
        guestMtu.remove(vmid);
        vms.remove(vmid);
        vmNode.remove(vmid);
        vmsChanged();
        configs.remove(vmid);
        stoppedVms.remove(vmid);
        agentReadyAt.remove(vmid);
        frozenVmStats.remove(vmid);
        iperf3.values().removeIf(l -> l.vmid() == vmid);
        http.removeIf(l -> l.vmid() == vmid);
    }

    public synchronized void listen(Iperf3Listener listener) {
        iperf3.put(listener.ip() + ":" + listener.port(), listener);
    }

    public synchronized Optional<Iperf3Listener> listener(String ip, int port) {
        return Optional.ofNullable(iperf3.get(ip + ":" + port));
    }

    /** Marks a server busy for a test; false if it is missing or already busy. */
    public synchronized boolean claim(String ip, int port) {
        Iperf3Listener l = iperf3.get(ip + ":" + port);
        if (l == null || l.busy()) {
            return false;
        }
        iperf3.put(ip + ":" + port, l.withBusy(true));
        return true;
    }

    /** Ends a test on a server: a {@code -1} server exits, others wait for the next client. */
    public synchronized void release(String ip, int port) {
        Iperf3Listener l = iperf3.get(ip + ":" + port);
        if (l == null) {
            return;
        }
        if (l.oneOff()) {
            iperf3.remove(ip + ":" + port);
        } else {
            iperf3.put(ip + ":" + port, l.withBusy(false));
        }
    }

    /** Stops the iperf3 server of a VM that wrote {@code pidFile} ({@code pkill -F}); false if none did. */
    public synchronized boolean stopListener(int vmid, String pidFile) {
        return iperf3.values().removeIf(l -> l.vmid() == vmid && pidFile.equals(l.pidFile()));
    }

    /** Stops every iperf3 server of a VM ({@code pkill iperf3}); returns how many ran. */
    public synchronized int stopListeners(int vmid) {
        int before = iperf3.size();
        iperf3.values().removeIf(l -> l.vmid() == vmid);
        return before - iperf3.size();
    }

    /** Starts an HTTP server; false when its port is taken in that guest (python's {@code Address already in use}). */
    public synchronized boolean listenHttp(HttpListener listener) {
        boolean taken = http.stream().anyMatch(l -> l.vmid() == listener.vmid() && l.port() == listener.port())
                || iperf3.values().stream().anyMatch(l -> l.vmid() == listener.vmid() && l.port() == listener.port());
        if (!taken) {
            http.add(listener);
        }
        return !taken;
    }

    /** The HTTP server a connection to {@code ip:port} reaches, if one listens there. */
    public synchronized Optional<HttpListener> httpListener(String ip, int port) {
        Optional<VmInfo> vm = vmByIp(ip);
        return vm.flatMap(v -> http.stream().filter(l -> l.accepts(v.vmid(), ip, port)).findFirst());
    }

    /** The HTTP server ended (killed). */
    public synchronized void stopHttp(HttpListener listener) {
        http.remove(listener);
    }

    // ---- membership, host faults, journal, HA, datacenter.cfg (Corosync, Host, Journal, HaState) ----

    /** votequorum's view from {@code viewer}'s partition. */
    public synchronized QuorumView quorum(String viewer) {
        node(viewer);
        return corosync.view(viewer);
    }

    /** True while corosync runs on the node. */
    public synchronized boolean corosyncRunning(String node) {
        return corosync.running(node);
    }

    /** True when {@code viewer}'s partition is quorate. */
    public synchronized boolean quorate(String viewer) {
        return corosync.running(viewer) && corosync.quorate(viewer);
    }

    /** Whether pmxcfs on {@code viewer} sees {@code node} online (same corosync partition; itself always). */
    public synchronized boolean online(String viewer, String node) {
        return viewer.equals(node) ? online(node)
                : corosync.partition(viewer).stream().anyMatch(n -> n.name().equals(node));
    }

    /**
     * True while {@code viewer}'s pmxcfs still holds fresh RRD data of {@code node}: it is in
     * the viewer's partition, or they were separated at most 5 model minutes ago.
     */
    public synchronized boolean statsFresh(String viewer, String node) {
        if (online(viewer, node)) {
            return true;
        }
        Instant a = leftMain.get(viewer);
        Instant b = leftMain.get(node);
        Instant since = a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
        return since == null || Duration.between(since, clock.now()).compareTo(RRD_EXPIRY) <= 0;
    }

    public synchronized boolean serviceRunning(String node, String service) {
        node(node);
        return online(node) && hosts.get(node).running(service);
    }

    public synchronized int servicePid(String node, String service) {
        return hosts.get(node).pid(service);
    }

    public synchronized boolean linkUp(String node, String iface) {
        return hosts.get(node).linkUp(iface);
    }

    /** Fault: sets an interface ({@link Host#PORT} or {@link Host#BRIDGE}) of the node down or up. */
    public synchronized void setLink(String node, String iface, boolean up) {
        node(node);
        hosts.get(node).setLink(iface, up);
        refresh();
    }

    public synchronized List<String> iptablesRules(String node) {
        return hosts.get(node).rules();
    }

    /** Fault: replaces the node's iptables rules (in {@code iptables -S} form). */
    public synchronized void setIptablesRules(String node, List<String> rules) {
        node(node);
        hosts.get(node).setRules(rules);
        refresh();
    }

    /** Fault: {@code systemctl stop}; a stopped corosync leaves the membership cleanly. */
    public synchronized void stopService(String node, String service) {
        Host h = hosts.get(node);
        if (!h.running(service)) {
            return;
        }
        Instant now = clock.now();
        ServiceLog.stopping(journal, now, node, service, h.pid(service));
        if (service.equals("corosync")) {
            boolean wasQuorate = corosync.quorate(node);
            corosync.leaving(node, Corosync.Leave.CLEAN);
            if (wasQuorate && h.running("pve-cluster")) {
                journal.append(now, node, "pve-cluster", "pmxcfs", h.pid("pve-cluster"),
                        "[status] notice: node lost quorum");
            }
        }
        h.stop(service);
        ServiceLog.stopped(journal, now, node, service);
        refresh();
    }

    /** {@code systemctl start}; a started corosync joins again. */
    public synchronized void startService(String node, String service) {
        Host h = hosts.get(node);
        if (h.running(service)) {
            return;
        }
        h.start(service);
        ServiceLog.started(journal, clock.now(), node, service, h.pid(service));
        refresh();
        ServiceLog.ready(journal, clock.now(), node, service);
    }

    /**
     * Registers who is told when a node crashes: the node's name and whether it reboots
     * (a reset) or stays off (power off, panic). Called under the model's lock; must not block.
     */
    public synchronized void onCrash(java.util.function.BiConsumer<String, Boolean> listener) {
        crashListeners.add(listener);
    }

    /** Fault: hard reset ({@code reboots}) or power off/panic; {@link #failNode} plus telling the crash listeners. */
    public synchronized void crashNode(String node, boolean reboots) {
        if (!online(node)) {
            return;
        }
        failNode(node);
        for (var listener : crashListeners) {
            listener.accept(node, reboots);
        }
    }

    /** The node (re)boots: every service runs, links up, no firewall rules, stats live again. */
    public synchronized void recoverNode(String node) {
        NodeInfo info = node(node);
        if (online(node)) {
            return;
        }
        failedAt.remove(node);
        frozenNodeStats.remove(node);
        for (VmInfo vm : vmsOn(node)) {
            frozenVmStats.remove(vm.vmid());
        }
        Instant now = clock.now();
        nodes.put(node, new NodeInfo(info.name(), info.nodeId(), info.ip(), info.cores(), info.memoryBytes(),
                info.diskBytes(), now));
        Host h = hosts.get(node);
        h.boot();
        plugVms(node);
        for (String service : Host.SERVICES) {
            ServiceLog.started(journal, now, node, service, h.pid(service));
        }
        corosync.setDown(node, false);
        refresh();
        for (String service : Host.SERVICES) {
            ServiceLog.ready(journal, now, node, service);
        }
    }

    /** Fault: {@code extra} is added to every guest round trip that crosses the node's cluster link. */
    public synchronized void setExtraLatency(String node, Duration extra) {
        node(node);
        if (extra.isNegative()) {
            throw new IllegalArgumentException("extra latency must not be negative: " + extra);
        }
        extraLatency.put(node, extra);
    }

    /** Extra round-trip time between two guests from {@link #setExtraLatency}, microseconds. */
    public synchronized long extraLatencyMicros(VmInfo from, VmInfo to) {
        String a = vmNode.get(from.vmid());
        String b = vmNode.get(to.vmid());
        if (a.equals(b)) {
            return 0;
        }
        return (extraLatency.getOrDefault(a, Duration.ZERO).plus(extraLatency.getOrDefault(b, Duration.ZERO)))
                .toNanos() / 1_000;
    }

    /** A node's journal, oldest first; {@code unit} null for every unit. */
    public synchronized List<Journal.Entry> journal(String node, String unit) {
        return journal.entries(node, unit);
    }

    /** Seam for later parts (HA, CRS): appends a line to a node's journal, stamped now, with the service's pid. */
    public synchronized void log(String node, String unit, String identifier, String message) {
        journal.append(clock.now(), node, unit, identifier, hosts.get(node).pid(unit), message);
    }

    /** Appends a line to a node's journal with an explicit pid (a daemon the twin does not run as a service). */
    public synchronized void log(String node, String unit, String identifier, int pid, String message) {
        journal.append(clock.now(), node, unit, identifier, pid, message);
    }

    /** Whether a node's LRM writes its status and renews its lock: powered, quorate, pmxcfs and pve-ha-lrm running. */
    public synchronized boolean haLrmWrites(String node) {
        return online(node) && quorate(node) && hosts.get(node).running("pve-cluster")
                && hosts.get(node).running("pve-ha-lrm");
    }

    /** Reads or changes the HA state under the model's lock; the CRM view is brought up to date afterwards. */
    public synchronized <T> T ha(java.util.function.Function<HaState, T> action) {
        T result = action.apply(ha);
        refresh();
        return result;
    }

    /** Whether the CRM runs a manager status, read without bringing the CRM view up to date. */
    public synchronized boolean haActive() {
        return ha.active();
    }

    /**
     * When a node's HA daemon last wrote its status as {@code viewer} reads it: now (while
     * it writes) or the instant it stopped, never later than when the viewer lost quorum;
     * rounded down to the daemon's 10-second round. {@code node} null means the master.
     */
    public synchronized Instant haTimestamp(String viewer, String node) {
        Instant now = clock.now();
        Instant t = node == null ? ha.masterFrozen() : ha.lrmFrozen(node);
        t = t == null ? now : t;
        Instant lost = lostQuorum.get(viewer);
        if (lost != null && lost.isBefore(t)) {
            t = lost;
        }
        int offset = node == null ? 7 : (node(node).nodeId() * 3) % 10;
        long s = t.getEpochSecond();
        return Instant.ofEpochSecond(s - Math.floorMod(s - offset, 10));
    }

    public synchronized Map<String, String> datacenterOptions() {
        return datacenter.options();
    }

    /** Writes {@code datacenter.cfg}: {@code value} null deletes the option. */
    public synchronized void setDatacenterOption(String key, String value) {
        if (value == null) {
            datacenter.remove(key);
        } else {
            datacenter.put(key, value);
        }
    }

    private final Map<String, Instant> lostQuorum = new HashMap<>();

    /** Recomputes membership, then what depends on it (RRD freshness, HA view). */
    private void refresh() {
        Instant now = clock.now();
        corosync.update(now);
        for (String n : nodes.keySet()) {
            if (corosync.connected(n)) {
                leftMain.remove(n);
            } else {
                leftMain.putIfAbsent(n, now);
            }
            if (quorate(n)) {
                lostQuorum.remove(n);
            } else {
                lostQuorum.putIfAbsent(n, now);
            }
        }
        java.util.function.Predicate<String> writable = n -> online(n) && quorate(n)
                && hosts.get(n).running("pve-cluster");
        ha.update(now, List.copyOf(nodes.keySet()),
                n -> writable.test(n) && hosts.get(n).running("pve-ha-crm"),
                n -> writable.test(n) && hosts.get(n).running("pve-ha-lrm"),
                (master, n) -> online(master, n) && online(n), journal, hosts, r -> vmNode.get(r.vmid()),
                n -> nodes.get(n).nodeId());
    }

    private static double round(double value, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(value * f) / f;
    }

}
