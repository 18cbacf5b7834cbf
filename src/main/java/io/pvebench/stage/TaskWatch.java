package io.pvebench.stage;

import io.pvebench.balance.Migration;
import io.pvebench.measure.MigrationReport;
import io.pvebench.measure.MigrationTaskLog;
import io.pvebench.proxmox.TaskEntry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live migrations of some VMs that others start (the native CRS, an outside balancer),
 * seen through the nodes' {@code qmigrate} tasks: each poll reads every node's task list for
 * each VM. A task is placed on pvebench's clock when a poll first sees it and when a poll sees
 * it ended, so its times are exact to the polling interval (a node's own task times would be
 * off by its clock's offset). For the same reason the tasks already listed when the watch
 * begins are left out by their ids, not by their start times. Its target and outcome come
 * from its log.
 */
final class TaskWatch {

    private record Seen(String node, TaskEntry task, Instant first) {
    }

    private final RunContext run;
    private final List<Integer> vmids;
    private final Instant since;
    private final MigrationTaskLog parser = new MigrationTaskLog();
    private final Map<String, Seen> running = new LinkedHashMap<>();
    private final List<Migration> ended = new ArrayList<>();
    private final java.util.Set<String> done = new java.util.HashSet<>();

    TaskWatch(RunContext run, List<Integer> vmids, Instant since) {
        this.run = run;
        this.vmids = List.copyOf(vmids);
        this.since = since.minus(io.pvebench.proxmox.MigrationFollower.CLOCK_SLACK);
        listed((node, vmid, task) -> done.add(task.upid()));
    }

    private interface Listed {
        void task(String node, int vmid, TaskEntry task);
    }

    /** Every qmigrate task of the VMs on every node that answers. */
    private void listed(Listed each) {
        for (String node : run.cluster().nodes()) {
            for (int vmid : vmids) {
                try {
                    run.shell().withoutRecording(() -> run.migrations().tasks(node, "qmigrate", vmid, since))
                            .forEach(task -> each.task(node, vmid, task));
                } catch (RuntimeException e) {
                    // a node that does not answer has no task to show now; the next poll asks again
                }
            }
        }
    }

    synchronized void poll() {
        Instant now = run.clusterClock().now();
        listed((node, vmid, task) -> {
            if (done.contains(task.upid())) {
                return;
            }
            Seen seen = running.computeIfAbsent(task.upid(), u -> new Seen(node, task, now));
            if (!task.running()) {
                running.remove(task.upid());
                done.add(task.upid());
                ended.add(migration(seen, vmid, now));
            }
        });
    }

    private Migration migration(Seen seen, int vmid, Instant end) {
        String target = "?";
        boolean arrived = false;
        Optional<io.pvebench.balance.Disturbance> downtime = Optional.empty();
        try {
            String log = run.migrations().taskLog(seen.node(), seen.task().upid());
            MigrationReport report = parser.parse(log, ZoneOffset.UTC);
            target = report.targetNode().orElse("?");
            arrived = report.outcome() == MigrationReport.Outcome.SUCCESS;
            downtime = Disturbances.downtime(report);
        } catch (RuntimeException e) {
            arrived = seen.task().status().map(s -> s.equals("OK") || s.startsWith("WARNINGS")).orElse(false);
        }
        return new Migration(vmid, seen.node(), target, seen.first(), end, arrived, downtime);
    }

    /** Whether a task seen running has not been seen to end. */
    synchronized boolean anyRunning() {
        return !running.isEmpty();
    }

    /** The migrations seen to end. */
    synchronized List<Migration> seen() {
        return List.copyOf(ended);
    }
}
