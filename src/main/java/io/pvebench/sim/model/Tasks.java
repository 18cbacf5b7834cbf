package io.pvebench.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Every node's tasks. {@link #start} forks a worker as pve-common {@code fork_worker}
 * does: a new pid (a per-node counter that moves on by a seeded step, as other processes
 * take pids in between), the process start in clock ticks since the node booted (100 per
 * second), the start time in epoch seconds of model time. Pids and pstarts depend only on
 * the seed and the order of tasks on that node. Thread-safe.
 */
public final class Tasks {

    /** Linux's USER_HZ: {@code /proc/<pid>/stat} start times count in 1/100 s. */
    private static final int USER_HZ = 100;

    private final ModelClock clock;
    private final Randoms randoms;
    private final Function<String, Instant> bootedAt;
    private final AtomicLong archiveSeq = new AtomicLong();
    private final Map<String, List<Task>> byNode = new HashMap<>();
    private final Map<String, Long> lastPid = new HashMap<>();

    public Tasks(ModelClock clock, Randoms randoms, Function<String, Instant> bootedAt) {
        this.clock = clock;
        this.randoms = randoms;
        this.bootedAt = bootedAt;
    }

    /**
     * Starts a task on {@code node}: {@code type} ({@code qmstart}, {@code qmigrate}, ...),
     * {@code id} (the vmid, or empty), {@code user} ({@code root@pam}); {@code cli} when a
     * command line runs it synchronously (see {@link Task}), false for background workers
     * (API, HA).
     */
    public synchronized Task start(String node, String type, String id, String user, boolean cli) {
        Random r = randoms.next("task/" + node);
        long pid = lastPid.computeIfAbsent(node, n -> 2_000L + randoms.fixed("task/pid/" + n).nextInt(900_000));
        pid += 1 + r.nextInt(400);
        if (pid > 4_194_304L) { // pid_max on 64-bit: wrap
            pid = 300 + r.nextInt(1000);
        }
        lastPid.put(node, pid);
        Instant now = clock.now();
        Duration sinceBoot = Duration.between(bootedAt.apply(node), now);
        long pstart = sinceBoot.toMillis() / (1000 / USER_HZ);
        Upid upid = new Upid(node, pid, pstart, now.getEpochSecond(), type, id, user);
        Task task = new Task(upid, clock, cli, archiveSeq::incrementAndGet);
        byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(task);
        return task;
    }

    /**
     * Runs {@code body} as a background worker (as the API and the HA stack start tasks)
     * on a daemon thread; the task ends OK when the body returns, with its message when it
     * throws, and with {@code received interrupt} when interrupted.
     */
    public Task spawn(String node, String type, String id, String user, Worker body) {
        Task task = start(node, type, id, user, false);
        Thread thread = new Thread(() -> {
            try {
                body.run(task);
                task.finish();
            } catch (InterruptedException e) {
                task.fail("received interrupt");
            } catch (RuntimeException e) {
                task.fail(String.valueOf(e.getMessage()));
            }
        }, "sim-task-" + type + "-" + id);
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /** A background worker's code. */
    @FunctionalInterface
    public interface Worker {
        void run(Task task) throws InterruptedException;
    }

    /** Finished tasks of a node, newest archived first (the order of the task index read backwards). */
    public synchronized List<Task> archived(String node) {
        List<Task> result = new ArrayList<>();
        for (Task t : byNode.getOrDefault(node, List.of())) {
            if (!t.running()) {
                result.add(t);
            }
        }
        result.sort(Comparator.comparingLong(Task::archived).reversed());
        return result;
    }

    /** Running tasks of a node, newest first. */
    public synchronized List<Task> active(String node) {
        List<Task> result = new ArrayList<>();
        for (Task t : byNode.getOrDefault(node, List.of())) {
            if (t.running()) {
                result.add(t);
            }
        }
        result.sort(Comparator.comparingLong((Task t) -> t.upid().starttime())
                .thenComparingLong(t -> t.upid().pid()).reversed());
        return result;
    }

    /** The task with this UPID on {@code node} (the node whose log directory is read). */
    public synchronized Optional<Task> find(String node, String upid) {
        return byNode.getOrDefault(node, List.of()).stream().filter(t -> t.upid().text().equals(upid)).findFirst();
    }
}
