package io.pvebench.proxmox;

import io.pvebench.ssh.CommandResult;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs a live migration and follows it to its real end: the end of the {@code qmigrate}
 * task on the source node, read from the node's task list, never guessed from the VM's
 * lock. For an HA-managed VM {@code qm migrate} only queues a request ({@code hamigrate});
 * the HA stack's LRM on the source starts the {@code qmigrate} task after the CRM's next
 * round, so it is looked for until it appears. Polls on the cluster's clock.
 */
public final class MigrationFollower {

    /** What {@code qm migrate} prints for an HA-managed VM (qemu-server {@code API2/Qemu.pm} {@code migrate_vm}). */
    private static final String HA_REQUEST = "Requesting HA migration for VM";

    /** How far back the task lists are read: far more than any clock offset between pvebench and a node. */
    public static final Duration CLOCK_SLACK = Duration.ofMinutes(10);

    private final MigrationPort port;
    private final ClusterClock clock;
    private final Duration poll;

    /** @param poll how often the task list is read while the task runs, in cluster time */
    public MigrationFollower(MigrationPort port, ClusterClock clock, Duration poll) {
        this.port = port;
        this.clock = clock;
        this.poll = poll;
    }

    /**
     * Migrates and waits for the task's end.
     *
     * @param timeout how long the whole migration may take, in cluster time
     * @throws MigrationTimeoutException when the task has not ended (or, for an HA-managed VM,
     *                                   not started) within {@code timeout}
     */
    public FollowedMigration migrate(MigrationRequest request, Duration timeout) throws InterruptedException {
        // the node stamps tasks with its own clock, which pvebench's is off from by a read's latency (times the
        // twin's time compression): the task is the one that was not there before, not one started after a moment
        Instant since = clock.now().minus(CLOCK_SLACK);
        Set<String> before = port.tasks(request.source(), "qmigrate", request.vmid(), since).stream()
                .map(TaskEntry::upid).collect(Collectors.toSet());
        Instant requested = clock.now();
        Instant deadline = requested.plus(timeout);
        CommandResult command = port.migrate(request);
        // the CLI runs a plain VM's migration in the foreground: its return is the task's end, known
        // without another round trip (which a slow link or a time-compressed twin would add to it)
        Instant ended = clock.now();
        boolean viaHa = command.stdout().contains(HA_REQUEST);
        Optional<TaskEntry> task = newest(request, since, before);
        while (task.map(TaskEntry::running).orElse(viaHa)) {
            if (!clock.now().isBefore(deadline)) {
                throw new MigrationTimeoutException(request, timeout, task);
            }
            clock.sleep(poll);
            task = newest(request, since, before);
            ended = clock.now();
        }
        String log = task.map(t -> port.taskLog(request.source(), t.upid())).orElse("");
        ZoneOffset zone = port.zone(request.source());
        return new FollowedMigration(request, command, viaHa, task, log, zone, requested, ended);
    }

    private Optional<TaskEntry> newest(MigrationRequest request, Instant since, Set<String> before) {
        List<TaskEntry> tasks = port.tasks(request.source(), "qmigrate", request.vmid(), since);
        return tasks.stream().filter(t -> !before.contains(t.upid()))
                .max(java.util.Comparator.comparing(TaskEntry::start));
    }
}
