/**
 * The twin's simulated state: nodes, VMs, membership and quorum, the network between
 * guests (link speed, MTU, bonds, latency under load), the load guest programs put on
 * guests and nodes ({@link io.pvebench.sim.model.LoadModel}: CPU, memory, dirty pages,
 * disk, loadavg), storage, the model clock and seeded randomness. Pure Java, no SSH, no
 * output formats.
 *
 * <p>Nothing here imports from {@code io.pvebench} outside {@code io.pvebench.sim}.
 */
package io.pvebench.sim.model;
