package io.pvebench.proxmox;

import io.pvebench.ssh.CommandResult;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * A live migration followed to the end of its {@code qmigrate} task.
 *
 * @param request   what was asked
 * @param command   what {@code qm migrate} returned: the whole log for a plain VM, only the
 *                  {@code hamigrate} request for an HA-managed one
 * @param viaHa     the VM is HA-managed: the HA stack ran the migration as its own task
 * @param task      the {@code qmigrate} task on the source; empty when Proxmox refused the request
 *                  before starting one (then {@link #command} says why)
 * @param log       the task's whole log, ending with its {@code TASK ...} line; empty without a task
 * @param zone      the source node's UTC offset, in which the log's stamps are written
 * @param requested when the command was sent, on the cluster's clock
 * @param ended     when the command returned (a plain VM's migration runs in its foreground), or when
 *                  the HA stack's task was seen ended
 */
public record FollowedMigration(MigrationRequest request, CommandResult command, boolean viaHa,
                                Optional<TaskEntry> task, String log, ZoneOffset zone, Instant requested,
                                Instant ended) {

    public FollowedMigration {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(task, "task");
        log = log == null ? "" : log;
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(ended, "ended");
    }

    /** Whether the task ended well: its log's last word is {@code TASK OK} or {@code TASK WARNINGS: N}. */
    public boolean succeeded() {
        return task.isPresent() && log.lines().anyMatch(l -> l.equals("TASK OK") || l.startsWith("TASK WARNINGS"));
    }

    /** Why it did not succeed: Proxmox's refusal without a task, else the log's last line ({@code TASK ERROR: ...}). */
    public String why() {
        if (task.isEmpty()) {
            return refusal();
        }
        String[] lines = log.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** Why no task ran: the last line Proxmox printed on refusing the request. */
    public String refusal() {
        String[] lines = command.stderr().strip().split("\n");
        return lines[lines.length - 1];
    }
}
