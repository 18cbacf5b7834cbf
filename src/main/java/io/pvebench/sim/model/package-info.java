/**
 * The twin's simulated state: nodes, VMs, membership and quorum (corosync partitions,
 * QDevice), the host side faults act on (services, interfaces, iptables rules), the
 * nodes' journals, the HA stack's configuration and view, {@code datacenter.cfg}, the
 * network between guests, the model clock and seeded randomness; VM configs and
 * storages; tasks ({@link io.pvebench.sim.model.Tasks}: UPIDs, task logs, end markers),
 * the seam every long operation (clone, migration, HA) runs through. Pure Java, no SSH;
 * the only fixed texts here are the journal lines daemons write on model events and a
 * task log's own lines.
 *
 * <p>Nothing here imports from {@code io.pvebench} outside {@code io.pvebench.sim}.
 */
package io.pvebench.sim.model;
