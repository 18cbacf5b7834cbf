package io.pvebench.proxmox;

import java.time.Duration;
import java.util.Optional;

/** A live migration whose task did not end (or, through HA, did not start) in time. */
public class MigrationTimeoutException extends ProxmoxException {

    public MigrationTimeoutException(MigrationRequest request, Duration timeout, Optional<TaskEntry> task) {
        super(task.map(t -> "migration of vm " + request.vmid() + " to " + request.target() + " (task " + t.upid()
                        + ") still running after " + timeout.toSeconds() + " s")
                .orElse("the HA stack did not start the migration of vm " + request.vmid() + " to "
                        + request.target() + " within " + timeout.toSeconds() + " s (no qmigrate task on "
                        + request.source() + ")"));
    }
}
