package io.pvebench.ha;

/**
 * The cluster resource scheduler's mode ({@code datacenter.cfg} {@code crs: ha=...}), which ranks
 * the nodes a recovered service may go to.
 */
public enum CrsMode {
    /** Fewest counted guests wins, ties by node name ({@code Usage/Basic.pm}, {@code select_service_node}). */
    BASIC,
    /** Configured vCPU and memory (proxmox-resource-scheduling); estimated here by most free memory. */
    STATIC,
    /** 9.2: static plus current usage; estimated here by most free memory. */
    DYNAMIC
}
