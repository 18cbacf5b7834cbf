package io.pvebench.proxmox;

import java.util.Optional;
import java.util.Set;

/**
 * What decides where guests run: the datacenter's {@code crs} option (the cluster resource
 * scheduler and, on PVE 9.2, its automatic rebalancing) and the HA resources it acts on.
 * Thread-safe.
 */
public interface SchedulerPort {

    /** {@code crs} of {@code pvesh get /cluster/options}, as the property string {@code datacenter.cfg} holds; empty when unset. */
    Optional<String> crs();

    /** {@code pvesh set /cluster/options --crs VALUE}, or {@code --delete crs} for empty. */
    void setCrs(Optional<String> crs);

    /** The VM ids of the cluster's HA resources ({@code vm:ID}). */
    Set<Integer> haVms();

    /** {@code ha-manager add vm:ID --state started}. */
    void addHaVm(int vmid);

    /** {@code ha-manager remove vm:ID}: the VM stays where and as it is, only HA lets go of it. */
    void removeHaVm(int vmid);
}
