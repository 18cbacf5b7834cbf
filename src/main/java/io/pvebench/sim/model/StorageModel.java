package io.pvebench.sim.model;

/**
 * The storage a node's guest disks live on: how much it can do and how fast one request
 * is when it is idle. {@code local-lvm}: an NVMe SSD under LVM-thin on the node;
 * {@code shared}: a replicated network store (Ceph RBD-like) reached over the 10 Gbit/s
 * cluster network, so every write crosses the network and waits for replicas.
 * Immutable.
 *
 * @param bandwidth          bytes per second, reads and writes together
 * @param iops               operations per second at small block sizes
 * @param readLatencyMicros  one 4 KiB read on an idle device
 * @param writeLatencyMicros one 4 KiB write on an idle device (acknowledged)
 */
public record StorageModel(String kind, double bandwidth, double iops, double readLatencyMicros,
                           double writeLatencyMicros) {

    public static final StorageModel LOCAL_LVM = new StorageModel("local-lvm", 2.0e9, 160_000, 85, 25);
    public static final StorageModel SHARED = new StorageModel("shared", 1.05e9, 30_000, 450, 1_100);

    public static StorageModel of(String kind) {
        return switch (kind) {
            case "local-lvm" -> LOCAL_LVM;
            case "shared" -> SHARED;
            default -> throw new IllegalArgumentException("storage must be local-lvm or shared: " + kind);
        };
    }

    /** How busy the device is with these rates: 1 means saturated. */
    public double utilization(double bytesPerSecond, double opsPerSecond) {
        return bytesPerSecond / bandwidth + opsPerSecond / iops;
    }

    /** Queueing factor on latency at utilization {@code rho} (M/M/1-like, capped at 20x). */
    public static double queueing(double rho) {
        return 1 / Math.max(0.05, 1 - Math.min(rho, 0.95));
    }
}
