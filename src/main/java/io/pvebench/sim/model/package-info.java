/**
 * The twin's simulated state: nodes, VMs, membership and quorum, the network between
 * guests, the model clock and seeded randomness. Pure Java, no SSH, no output formats.
 *
 * <p>Nothing here imports from {@code io.pvebench} outside {@code io.pvebench.sim}.
 */
package io.pvebench.sim.model;
