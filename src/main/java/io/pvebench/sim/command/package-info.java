/**
 * Turns one shell command line, as an SSH client sends it to a Proxmox node, into what
 * that node would print: argument parsing (POSIX quoting), the Proxmox commands
 * ({@code pveversion}, {@code pvecm}, {@code pvesh}, {@code qm}, {@code ha-manager}),
 * the host tools that inject faults ({@code systemctl}, {@code ip}, {@code iptables},
 * {@code sh -c} SysRq) and read their traces ({@code journalctl}), the guest programs
 * reached through {@code qm guest exec} ({@code ping}, {@code iperf3}, {@code fping},
 * {@code stress-ng}, {@code fio}, a few basics) and the exact output formats (Perl JSON,
 * cJSON, fio's JSON, iputils, fping, stress-ng, procps, corosync-quorumtool). The HA
 * stack's own background work lives here too: the master CRM's 10-second round
 * ({@link io.pvebench.sim.command.HaCrm}: scheduler mode, CRM commands, automatic
 * rebalancing) and the LRM's part of an HA migration ({@code HaMigration}).
 *
 * <p>Every format names the source it was checked against. Nothing here imports from
 * {@code io.pvebench} outside {@code io.pvebench.sim}.
 */
package io.pvebench.sim.command;
