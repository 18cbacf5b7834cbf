package io.pvebench.stage;

import io.pvebench.proxmox.FollowedMigration;
import io.pvebench.proxmox.MigrationFollower;
import io.pvebench.proxmox.MigrationRequest;
import io.pvebench.proxmox.ProxmoxException;

import java.time.Duration;

/** Puts a VM on a node by live migration, where a stage arranges VMs or puts them back. */
final class Moves {

    /** How long arranging one VM may take. */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private Moves() {
    }

    /**
     * Migrates the VM live to {@code node} unless it is there; a no-op the second time.
     *
     * @throws ProxmoxException when Proxmox refuses or the migration does not end with {@code TASK OK}
     */
    static void bringTo(RunContext run, MigrationFollower follower, int vmid, String node) {
        bringTo(run, follower, vmid, node, (from, to) -> MigrationRequest.plain(vmid, from, to));
    }

    /** {@link #bringTo} with the options {@code request} gives a migration from the VM's node to the target. */
    static void bringTo(RunContext run, MigrationFollower follower, int vmid, String node,
                        java.util.function.BiFunction<String, String, MigrationRequest> request) {
        String now = run.nodeOf(vmid);
        if (now.equals(node)) {
            return;
        }
        FollowedMigration moved;
        try {
            moved = follower.migrate(request.apply(now, node), TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunStoppedException("interrupted while moving vm " + vmid + " to " + node);
        }
        if (!moved.succeeded()) {
            throw new ProxmoxException("vm " + vmid + " could not be migrated to " + node + ": " + moved.why());
        }
    }
}
