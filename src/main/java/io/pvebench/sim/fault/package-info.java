/**
 * Fault injection on the twin's SSH side: slow and failing commands per node
 * ({@link io.pvebench.sim.fault.CommandFaults}). Faults on the cluster itself (node
 * crash, link down, stopped services, firewall rules, link loss and latency) live in
 * {@code sim.model}, where they change membership and quorum.
 *
 * <p>Nothing here imports from {@code io.pvebench} outside {@code io.pvebench.sim}.
 */
package io.pvebench.sim.fault;
