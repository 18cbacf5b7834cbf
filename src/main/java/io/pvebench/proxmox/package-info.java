/**
 * Typed Proxmox VE operations over {@code ssh}: version detection, cluster status and
 * quorum, cluster resources, VM placement; making and removing VMs ({@code VmPort}: clone,
 * migrate a stopped VM, size and tags, start, stop, destroy); and the nodes' network as
 * configuration variants change it (a VM's NICs, the devices a bridge's traffic crosses, MTU
 * and bond mode set live with {@code ip link}). Commands are Proxmox's own CLI
 * ({@code pvesh ... --output-format json}, {@code qm}, {@code pveversion}) run on a
 * node; their outputs are parsed here into records.
 *
 * <p>Must not import Camel, reports, stages or the twin.
 */
package io.pvebench.proxmox;
