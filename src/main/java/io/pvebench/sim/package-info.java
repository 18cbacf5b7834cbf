/**
 * The embedded cluster twin: a simulated Proxmox VE cluster whose nodes are Apache MINA
 * SSHD servers on 127.0.0.1, answering Proxmox commands in the real output formats.
 *
 * <p>This package holds the public face of the twin ({@link io.pvebench.sim.SimCluster},
 * its spec records) and the SSH plumbing; {@code sim.model} holds the simulated state
 * (nodes, VMs, quorum, network, clock, seeded randomness) and {@code sim.command} turns
 * command lines into real-format output.
 *
 * <p>{@code sim} imports nothing from {@code io.pvebench} outside {@code io.pvebench.sim}
 * (not even {@code io.pvebench.PvebenchException}): the twin must be usable, and
 * replaceable, without the rest of pvebench. Failures are plain JDK exceptions.
 */
package io.pvebench.sim;
