/**
 * The twin's simulated state: nodes, VMs, membership and quorum (corosync partitions,
 * QDevice), the host side faults act on (services, interfaces, iptables rules), the
 * nodes' journals, the HA stack's configuration and view, {@code datacenter.cfg}, the
 * network between guests (link speed, MTU, bonds, latency under load), the load guest
 * programs put on guests and nodes ({@link io.pvebench.sim.model.LoadModel}: CPU,
 * memory, dirty pages, disk, loadavg), storage, VM configs, tasks
 * ({@link io.pvebench.sim.model.Tasks}: UPIDs, task logs, end markers — the seam every
 * long operation such as clone, migration or HA runs through), the CRS arithmetic of
 * automatic rebalancing ({@link io.pvebench.sim.model.Crs}), the model clock and seeded
 * randomness. Pure Java, no SSH; the only fixed texts here are the journal lines
 * daemons write on model events and a task log's own lines.
 *
 * <p>Nothing here imports from {@code io.pvebench} outside {@code io.pvebench.sim}.
 */
package io.pvebench.sim.model;
