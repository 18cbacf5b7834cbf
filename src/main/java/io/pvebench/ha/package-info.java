/**
 * Failover as a subject under test: what Proxmox VE's HA stack does with each HA VM when a node
 * fails, predicted from facts gathered beforehand ({@link io.pvebench.ha.HaFacts}: nodes with
 * votes, memory and LRM state, the QDevice, HA resources with their placement rules or groups,
 * each VM's memory and disks, the storages, whether HA is armed). {@link
 * io.pvebench.ha.FailoverPredictor} answers, for every HA VM and every node whose failure affects
 * it, "restarts on pve2 in about 2–3 min" or "no recovery" with the reason a cluster admin
 * understands, plus the fate of the surviving nodes ({@link io.pvebench.ha.SurvivorFate}: without
 * quorum a survivor with an active LRM fences itself).
 *
 * <p>The rules are pve-ha-manager's own (commit b71218f, 5.2.0): quorum from corosync's
 * votequorum, placement from {@code Manager.pm select_service_node} with node and resource
 * affinity ({@code Rules/NodeAffinity.pm}, {@code Rules/ResourceAffinity.pm}) and the basic CRS
 * ({@code Usage/Basic.pm}), recovery from {@code next_state_recovery}, timing from the constants
 * {@code shared/reference/PVE-CURRENT.md} 2.6 lists ({@link io.pvebench.ha.RecoveryWindow}).
 * Where pvebench has to estimate (static and dynamic CRS, whether a start fails for memory) a
 * prediction says so in its {@code uncertainty}.
 *
 * <p>Everything here is pure and deterministic: facts in, predictions out; no I/O and no clock.
 * Values are immutable records; classes are stateless. Must never import SSH, the twin, Camel,
 * Allure, stages, the command line, reporting or {@code io.pvebench.proxmox}: the stage that reads
 * a cluster over SSH turns Proxmox's outputs into {@link io.pvebench.ha.HaFacts}.
 */
package io.pvebench.ha;
