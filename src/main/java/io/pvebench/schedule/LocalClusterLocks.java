package io.pvebench.schedule;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** Run locks within one scheduler process: fair, so runs on one cluster go in the order they fired. */
final class LocalClusterLocks implements ClusterLocks {

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public Lease acquire(String cluster) throws InterruptedException {
        ReentrantLock lock = locks.computeIfAbsent(cluster, k -> new ReentrantLock(true));
        lock.lockInterruptibly();
        return lock::unlock;
    }
}
