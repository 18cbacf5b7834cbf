/**
 * pvebench: a workflow-driven test pipeline for Proxmox VE clusters.
 *
 * <p>The root package holds only what every part shares: the exception root. Each
 * sub-package is one domain (see DESIGN.md); its {@code package-info} says what
 * belongs there and what it must never import. {@code ArchitectureTest} holds the table.
 */
package io.pvebench;
