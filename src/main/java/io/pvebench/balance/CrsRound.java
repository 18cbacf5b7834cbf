package io.pvebench.balance;

import java.util.Objects;

/**
 * What the CRM sees in one round (about 10 s): the cluster's load, and whether any HA
 * resource has a migration or relocation queued or running (from {@code ha-manager status}
 * or {@code /cluster/ha/status/current}: a service in state {@code migrate} or
 * {@code relocate}, or with such a command queued).
 */
public record CrsRound(ClusterSnapshot snapshot, boolean haMotionQueuedOrRunning) {

    public CrsRound {
        Objects.requireNonNull(snapshot, "snapshot");
    }
}
