package io.pvebench.proxmox;

import io.pvebench.ssh.CommandResult;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Starts live migrations and reads the tasks that carry them out. Thread-safe.
 *
 * <p>Throws {@link io.pvebench.ssh.SshException} when a node cannot be reached and
 * {@link ProxmoxException} when Proxmox refuses a query.
 */
public interface MigrationPort {

    /**
     * Runs {@code qm migrate ... --online} on the source node. The CLI runs the migration in
     * the foreground, so this returns when it has ended; for an HA-managed VM it only starts a
     * short {@code hamigrate} task and the HA stack migrates later. A failed migration is not
     * an exception: the exit code and output are returned, the task log tells the rest.
     */
    CommandResult migrate(MigrationRequest request);

    /** {@code GET /nodes/NODE/tasks --source all}: the node's tasks of a type for a VM since an instant, newest first. */
    List<TaskEntry> tasks(String node, String type, int vmid, Instant since);

    /** {@code GET /nodes/NODE/tasks/UPID/log --limit 0}: the whole log so far, one line per log line. */
    String taskLog(String node, String upid);

    /** The node's UTC offset ({@code date +%z}): task logs stamp lines in the node's local time. */
    ZoneOffset zone(String node);
}
