package io.pvebench.schedule;

/**
 * One run per cluster at a time. A run takes its cluster's lease before it starts and gives it back
 * when it ends, however it ends.
 *
 * <p>Implementations are thread-safe; {@link #acquire} blocks until the cluster is free and gives up
 * with {@link InterruptedException} when the waiting thread is interrupted (a scheduler shutting down).
 */
public interface ClusterLocks {

    /** A held lock; closing it lets the next run on that cluster start. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /** @param cluster the cluster's identity ({@link io.pvebench.pipeline.ClusterRef#identity()}) */
    Lease acquire(String cluster) throws InterruptedException;
}
