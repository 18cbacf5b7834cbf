package io.pvebench.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one task per host at once on a pool of already started threads, and times the
 * whole round: from handing out the first task to the last one finishing. Threads are
 * started before any round, so their start-up is never measured. Not thread-safe: one
 * round at a time.
 */
final class FanOut implements AutoCloseable {

    private final ThreadPoolExecutor pool;

    FanOut(int width) {
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(width, width, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "bench-fanout-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.prestartAllCoreThreads();
    }

    /** Runs every task in parallel; the wall time in nanoseconds. Any failure fails the round, once all ended. */
    long round(List<? extends Callable<?>> tasks) {
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>(tasks.size());
        for (Callable<?> task : tasks) {
            futures.add(pool.submit(task));
        }
        await(futures);
        return System.nanoTime() - start;
    }

    /** Waits for every task, so a failed round never overlaps the next one; then throws the first failure. */
    private static void await(List<Future<?>> futures) {
        Throwable first = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                first = first == null ? e.getCause() : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(g -> g.cancel(true));
                throw new BenchmarkException("interrupted during a fan-out round", e);
            }
        }
        if (first instanceof BenchmarkException b) {
            throw b;
        }
        if (first != null) {
            throw new BenchmarkException(String.valueOf(first.getMessage()), first);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
