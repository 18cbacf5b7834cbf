/**
 * Actions inside VMs through the guest port: run a command in a guest, find its
 * address, start an iperf3 server, run an iperf3 client or a ping probe, build the
 * application probe's HTTP server and curl command lines. Raw outputs
 * are returned as they are; parsing them is {@code measure}'s job.
 *
 * <p>Knows the guest agent's command ({@code qm guest exec}) and nothing else of
 * Proxmox. Must not import Camel, reports, stages or the twin.
 */
package io.pvebench.guest;
