package io.pvebench.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * How guest programs load guests and nodes: CPU, memory, dirtied memory, disk and
 * network. Deterministic: every number is a pure function of the programs started (their
 * demand and time window) and the instant asked about; the callers add seeded noise.
 *
 * <p>The model, per instant:
 * <ul>
 *   <li><b>Guest CPU.</b> An idle guest wants 1.2 % of each vCPU. Programs add their
 *       {@code cpuDemand} (stress-ng: workers x load fraction). A guest can use at most
 *       its vCPUs: demand is capped at {@code cores}, and when more threads are runnable
 *       than there are vCPUs, each gets {@code cores / runnable} of one.</li>
 *   <li><b>Node CPU.</b> Each guest costs the host its vCPU time x 1.04 (VM exits) +
 *       0.02 cores (QEMU main loop) + 1 core per 40 000 IOPS (iothread) + 0.08 cores
 *       per Gbit/s of network in or out (vhost-net and softirq, both ends). The host
 *       itself needs 0.25 cores (pmxcfs, corosync, pvestatd). Demand {@code D} over
 *       {@code C} cores: utilization {@code min(1, D/C)}; when {@code D > C} every thread
 *       gets the fair share {@code C/D} (CFS), so guests get less than they ask and
 *       latency-sensitive work waits.</li>
 *   <li><b>Memory.</b> Guest: 30 % of its memory at idle (page cache, services) plus what
 *       programs keep in use, at most 97 %. Host: 2.6 GiB + per guest its used memory +
 *       190 MiB QEMU overhead.</li>
 *   <li><b>Dirty pages.</b> An idle guest dirties 1.5 MiB/s; programs add theirs (the
 *       {@code vm} stressor rewrites its whole mapping over and over: about 1.6 GiB/s per
 *       worker, at most 4 x its working set per second), scaled by the CPU share the
 *       guest gets. Pre-copy live migration converges only while this stays below the
 *       migration bandwidth.</li>
 *   <li><b>Disk.</b> Requested bytes and IOPS on the node's {@link StorageModel}; above
 *       saturation every guest's I/O is scaled down by the same factor. Blocked I/O
 *       threads show up as node {@code wait} (iowait) and in loadavg.</li>
 *   <li><b>Smoothing.</b> pvestatd samples every 10 s: {@link #vmCpuAverage} and
 *       {@link #nodeCpuAverage} average the instantaneous values over a window; loadavg
 *       is the kernel's exponential average, updated every 5 s with factors
 *       {@code exp(-5/60)}, {@code exp(-5/300)}, {@code exp(-5/900)}.</li>
 * </ul>
 *
 * <p>Not thread-safe: {@link ClusterModel} guards it with its own lock.
 */
public final class LoadModel {

    /** What the model needs to know about where guests run. */
    public interface Topology {
        List<VmInfo> vmsOn(String node);

        String nodeOf(int vmid);

        VmInfo vm(int vmid);

        int cores(String node);

        StorageModel storage(String node);
    }

    public static final double IDLE_CPU_PER_VCPU = 0.012;
    public static final double IDLE_DIRTY_BYTES_PER_SECOND = 1.5 * (1 << 20);
    private static final double HOST_BASE_CORES = 0.25;
    private static final double QEMU_IDLE_CORES = 0.02;
    private static final double VIRT_OVERHEAD = 1.04;
    private static final double IOPS_PER_CORE = 40_000;
    private static final double CORES_PER_GBIT = 0.08;
    private static final long HOST_BASE_MEMORY = 2_600L << 20;
    private static final long QEMU_MEMORY = 190L << 20;
    private static final Duration LOADAVG_TICK = Duration.ofSeconds(5);

    private final Topology topology;
    private final Instant origin;
    private final List<GuestLoad> jobs = new ArrayList<>();
    private long nextId = 1;
    // The past never changes (programs start and stop "now"), so integrals and loadavg
    // continue from where the last call left them instead of from the twin's start.
    private final Map<Integer, Checkpoint> counterCache = new HashMap<>();
    private final Map<String, Checkpoint> loadavgCache = new HashMap<>();

    private record Checkpoint(Instant at, long tick, double[] values) {
    }

    public LoadModel(Topology topology, Instant origin) {
        this.topology = topology;
        this.origin = origin;
    }

    /** A guest's load at one instant. CPU in vCPUs, memory in bytes, rates per second. */
    public record VmLoad(double cpuDemand, double cpuUsed, double runnable, double ioThreads, long memUsed,
                         double dirtyBytesPerSecond, double readBytesPerSecond, double writeBytesPerSecond,
                         double iops, double netOutBitsPerSecond, double netInBitsPerSecond, double guestShare) {
    }

    /**
     * A node's load at one instant: demand in cores, utilization 0..1, the fair share a
     * thread gets (1 unless oversubscribed), storage utilization and iowait fraction.
     */
    public record NodeLoad(double demandCores, int cores, double utilization, double share,
                           double storageUtilization, double iowait, double runnable, long memUsed) {
    }

    public GuestLoad start(int vmid, String tool, Instant start, Instant end, GuestLoad.Demand demand) {
        GuestLoad job = new GuestLoad(nextId++, vmid, tool, start, end, demand);
        jobs.add(job);
        return job;
    }

    /** Ends every running program {@code tool} of a guest at {@code at}; returns how many ran. */
    public int stop(int vmid, String tool, Instant at) {
        int stopped = 0;
        for (int i = 0; i < jobs.size(); i++) {
            GuestLoad job = jobs.get(i);
            if (job.vmid() == vmid && job.tool().equals(tool) && job.activeAt(at)) {
                jobs.set(i, job.endingAt(at));
                stopped++;
            }
        }
        return stopped;
    }

    /** Ends one program's load at {@code at}; false when it had already ended. */
    public boolean stop(GuestLoad load, Instant at) {
        for (int i = 0; i < jobs.size(); i++) {
            GuestLoad job = jobs.get(i);
            if (job.id() == load.id() && job.activeAt(at)) {
                jobs.set(i, job.endingAt(at));
                return true;
            }
        }
        return false;
    }

    public List<GuestLoad> running(int vmid, Instant t) {
        return jobs.stream().filter(j -> j.vmid() == vmid && j.activeAt(t)).toList();
    }

    private GuestLoad.Demand demand(int vmid, Instant t) {
        GuestLoad.Demand sum = GuestLoad.Demand.NONE;
        for (GuestLoad job : jobs) {
            if (job.vmid() == vmid && job.activeAt(t)) {
                sum = sum.plus(job.demand());
            }
        }
        return sum;
    }

    private double netIn(int vmid, Instant t) {
        double in = 0;
        for (GuestLoad job : jobs) {
            if (job.demand().peerVmid() == vmid && job.activeAt(t)) {
                in += job.demand().netBitsPerSecond();
            }
        }
        return in;
    }

    /** The guest's own demand, before the host's share and storage limits. */
    private double guestCpuWanted(VmInfo vm, GuestLoad.Demand d) {
        return Math.min(vm.cores(), IDLE_CPU_PER_VCPU * vm.cores() + d.cpuDemand());
    }

    private double hostCores(VmInfo vm, GuestLoad.Demand d, double netIn, double ioScale) {
        return guestCpuWanted(vm, d) * VIRT_OVERHEAD + QEMU_IDLE_CORES + d.iops() * ioScale / IOPS_PER_CORE
                + (d.netBitsPerSecond() + netIn) / 1e9 * CORES_PER_GBIT;
    }

    public NodeLoad nodeLoad(String node, Instant t) {
        List<VmInfo> vms = topology.vmsOn(node);
        StorageModel storage = topology.storage(node);
        double bytes = 0;
        double ops = 0;
        double ioThreads = 0;
        List<GuestLoad.Demand> demands = new ArrayList<>();
        for (VmInfo vm : vms) {
            GuestLoad.Demand d = demand(vm.vmid(), t);
            demands.add(d);
            bytes += d.readBytesPerSecond() + d.writeBytesPerSecond();
            ops += d.iops();
            ioThreads += d.ioThreads();
        }
        double rho = storage.utilization(bytes, ops);
        double ioScale = rho > 1 ? 1 / rho : 1;
        double demandCores = HOST_BASE_CORES;
        long mem = HOST_BASE_MEMORY;
        for (int i = 0; i < vms.size(); i++) {
            VmInfo vm = vms.get(i);
            demandCores += hostCores(vm, demands.get(i), netIn(vm.vmid(), t), ioScale);
            mem += guestMem(vm, demands.get(i)) + QEMU_MEMORY;
        }
        int cores = topology.cores(node);
        double share = demandCores > cores ? cores / demandCores : 1;
        double iowait = Math.min(0.6, ioThreads * Math.min(1, Math.max(rho, 0.15)) / cores);
        return new NodeLoad(demandCores, cores, Math.min(1, demandCores / cores), share, rho, iowait,
                demandCores + ioThreads * Math.min(1, rho), mem);
    }

    private static long guestMem(VmInfo vm, GuestLoad.Demand d) {
        long idle = vm.memoryBytes() * 30 / 100;
        return Math.min(vm.memoryBytes() * 97 / 100, idle + d.memBytes());
    }

    public VmLoad vmLoad(int vmid, Instant t) {
        VmInfo vm = topology.vm(vmid);
        String node = topology.nodeOf(vmid);
        GuestLoad.Demand d = demand(vmid, t);
        NodeLoad n = nodeLoad(node, t);
        double rho = n.storageUtilization();
        double ioScale = rho > 1 ? 1 / rho : 1;
        double wanted = guestCpuWanted(vm, d);
        double used = wanted * n.share();
        double runnable = IDLE_CPU_PER_VCPU * vm.cores() + d.cpuThreads();
        // a thread that wakes up in the guest competes with the runnable ones for the vCPUs
        double guestShare = Math.min(1, vm.cores() / (runnable + 1)) * n.share();
        double cpuScale = wanted > 0 ? Math.min(1, used / Math.max(wanted, 1e-9)) : 1;
        double dirty = IDLE_DIRTY_BYTES_PER_SECOND + d.dirtyBytesPerSecond() * cpuScale;
        return new VmLoad(wanted, used, runnable, d.ioThreads(), guestMem(vm, d), dirty,
                d.readBytesPerSecond() * ioScale, d.writeBytesPerSecond() * ioScale, d.iops() * ioScale,
                d.netBitsPerSecond(), netIn(vmid, t), guestShare);
    }

    /** Mean CPU use of a guest over {@code [from, to)} as a fraction of its vCPUs. */
    public double vmCpuAverage(int vmid, Instant from, Instant to) {
        int cores = topology.vm(vmid).cores();
        return average(from, to, t -> vmLoad(vmid, t).cpuUsed() / cores);
    }

    /** Mean utilization of a node over {@code [from, to)}, 0..1. */
    public double nodeCpuAverage(String node, Instant from, Instant to) {
        return average(from, to, t -> nodeLoad(node, t).utilization());
    }

    public double nodeIowaitAverage(String node, Instant from, Instant to) {
        return average(from, to, t -> nodeLoad(node, t).iowait());
    }

    /** Bytes a guest read and wrote and received and sent through its load since the twin started. */
    public double[] counters(int vmid, Instant to) {
        Checkpoint cached = counterCache.get(vmid);
        Instant from = cached != null && !cached.at().isAfter(to) ? cached.at() : origin;
        double[] base = cached != null && from == cached.at() ? cached.values() : new double[4];
        double[] result = {
            base[0] + integral(from, to, t -> vmLoad(vmid, t).readBytesPerSecond()),
            base[1] + integral(from, to, t -> vmLoad(vmid, t).writeBytesPerSecond()),
            base[2] + integral(from, to, t -> vmLoad(vmid, t).netInBitsPerSecond() / 8),
            base[3] + integral(from, to, t -> vmLoad(vmid, t).netOutBitsPerSecond() / 8)};
        if (cached == null || !to.isBefore(cached.at())) {
            counterCache.put(vmid, new Checkpoint(to, 0, result.clone()));
        }
        return result;
    }

    /** The guest's {@code /proc/loadavg} averages (1, 5, 15 minutes) at {@code t}. */
    public double[] guestLoadavg(int vmid, Instant t) {
        return loadavg("vm/" + vmid, t, at -> {
            VmLoad v = vmLoad(vmid, at);
            return v.runnable() + v.ioThreads();
        });
    }

    public double[] nodeLoadavg(String node, Instant t) {
        return loadavg("node/" + node, t, at -> nodeLoad(node, at).runnable());
    }

    /**
     * The kernel's {@code calc_load}: every 5 s, {@code load = load * e + n * (1 - e)};
     * before the twin started the machine had been at its idle level for long.
     */
    private double[] loadavg(String key, Instant t, ToDoubleFunction<Instant> runnable) {
        double[] decay = {Math.exp(-5.0 / 60), Math.exp(-5.0 / 300), Math.exp(-5.0 / 900)};
        long ticks = Math.max(0, Duration.between(origin, t).toMillis() / LOADAVG_TICK.toMillis());
        Checkpoint cached = loadavgCache.get(key);
        double[] load;
        long k = 1;
        if (cached != null && cached.tick() <= ticks) {
            load = cached.values().clone();
            k = cached.tick() + 1;
        } else {
            double idle = runnable.applyAsDouble(origin.minusSeconds(1));
            load = new double[] {idle, idle, idle};
        }
        TreeSet<Long> changes = new TreeSet<>();
        for (GuestLoad job : jobs) {
            changes.add(tickAtOrAfter(job.start()));
            if (!job.end().equals(Instant.MAX)) {
                changes.add(tickAtOrAfter(job.end()));
            }
        }
        while (k <= ticks) {
            Long next = changes.higher(k);
            long last = next == null ? ticks : Math.min(ticks, next - 1);
            double n = runnable.applyAsDouble(origin.plus(LOADAVG_TICK.multipliedBy(k)));
            long steps = last - k + 1;
            for (int i = 0; i < 3; i++) {
                double e = Math.pow(decay[i], steps);
                load[i] = load[i] * e + n * (1 - e);
            }
            k = last + 1;
        }
        if (cached == null || cached.tick() <= ticks) {
            loadavgCache.put(key, new Checkpoint(t, ticks, load.clone()));
        }
        return load;
    }

    private long tickAtOrAfter(Instant at) {
        long millis = Duration.between(origin, at).toMillis();
        long tick = LOADAVG_TICK.toMillis();
        return Math.floorDiv(millis + tick - 1, tick);
    }

    private double average(Instant from, Instant to, ToDoubleFunction<Instant> f) {
        double seconds = Duration.between(from, to).toNanos() / 1e9;
        if (seconds <= 0) {
            return f.applyAsDouble(from);
        }
        return integral(from, to, f) / seconds;
    }

    /** Integral of a function that only changes where a program starts or ends. */
    private double integral(Instant from, Instant to, ToDoubleFunction<Instant> f) {
        if (!to.isAfter(from)) {
            return 0;
        }
        TreeSet<Instant> cuts = new TreeSet<>();
        cuts.add(from);
        cuts.add(to);
        for (GuestLoad job : jobs) {
            if (job.start().isAfter(from) && job.start().isBefore(to)) {
                cuts.add(job.start());
            }
            if (job.end().isAfter(from) && job.end().isBefore(to)) {
                cuts.add(job.end());
            }
        }
        double sum = 0;
        Instant previous = null;
        for (Instant cut : cuts) {
            if (previous != null) {
                double seconds = Duration.between(previous, cut).toNanos() / 1e9;
                sum += f.applyAsDouble(previous) * seconds;
            }
            previous = cut;
        }
        return sum;
    }
}
