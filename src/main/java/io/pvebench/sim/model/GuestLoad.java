package io.pvebench.sim.model;

import java.time.Instant;

/**
 * One load-generating program running in a guest, from {@code start} to {@code end}
 * (model time; {@code end} is {@link Instant#MAX} while it runs until killed), with what
 * it asks of the machine. Immutable.
 *
 * @param id   unique within a {@link LoadModel}
 * @param tool the program ({@code stress-ng}, {@code fio}, {@code iperf3})
 */
public record GuestLoad(long id, int vmid, String tool, Instant start, Instant end, Demand demand) {

    /**
     * What a program asks for while it runs. All rates are what it would get alone on an
     * idle machine; the {@link LoadModel} scales them down under contention.
     *
     * @param cpuThreads          runnable threads it adds to the guest (they count in loadavg and compete
     *                            for vCPUs with everything else in the guest)
     * @param cpuDemand           vCPUs' worth of CPU time it wants (workers x load fraction)
     * @param ioThreads           threads mostly blocked on I/O (D state: loadavg and iowait)
     * @param memBytes            guest memory it keeps in use
     * @param dirtyBytesPerSecond guest memory it writes per second (distinct pages, as pre-copy migration
     *                            sees them)
     * @param readBytesPerSecond  disk reads
     * @param writeBytesPerSecond disk writes
     * @param iops                disk operations per second (reads and writes)
     * @param netBitsPerSecond    network traffic it sends to {@code peerVmid} (0: none)
     * @param peerVmid            the receiving guest of {@code netBitsPerSecond}, or 0
     */
    public record Demand(double cpuThreads, double cpuDemand, double ioThreads, long memBytes,
                         double dirtyBytesPerSecond, double readBytesPerSecond, double writeBytesPerSecond,
                         double iops, double netBitsPerSecond, int peerVmid) {

        public static final Demand NONE = new Demand(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        public Demand plus(Demand o) {
            return new Demand(cpuThreads + o.cpuThreads, cpuDemand + o.cpuDemand, ioThreads + o.ioThreads,
                    memBytes + o.memBytes, dirtyBytesPerSecond + o.dirtyBytesPerSecond,
                    readBytesPerSecond + o.readBytesPerSecond, writeBytesPerSecond + o.writeBytesPerSecond,
                    iops + o.iops, netBitsPerSecond + o.netBitsPerSecond, peerVmid != 0 ? peerVmid : o.peerVmid);
        }
    }

    public boolean activeAt(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    public GuestLoad endingAt(Instant newEnd) {
        return new GuestLoad(id, vmid, tool, start, newEnd, demand);
    }
}
