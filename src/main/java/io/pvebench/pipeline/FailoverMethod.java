package io.pvebench.pipeline;

/** How a failover case makes a node fail, as the pipeline's {@code failover.method} names it. */
public enum FailoverMethod {
    /** Drop the node's corosync traffic with iptables: it leaves the cluster, SSH and storage go on. */
    COROSYNC("corosync", true),
    /** Set a network interface of the node down (the cluster network's, never the one SSH uses). */
    LINK("link", true),
    /** Stop the node's HA services (LRM and CRM): the HA stack no longer manages its guests. */
    HA_SERVICES("ha-services", true),
    /** Reset the node at once (magic SysRq): what a watchdog or a power cut does. */
    RESET("reset", true),
    /** HA node maintenance: the node's HA guests are migrated away and brought back. */
    MAINTENANCE("maintenance", false);

    private final String written;
    private final boolean destructive;

    FailoverMethod(String written, boolean destructive) {
        this.written = written;
        this.destructive = destructive;
    }

    /** As a pipeline writes it. */
    public String written() {
        return written;
    }

    /** Whether it takes a node away from the cluster, so the cluster file must allow it. */
    public boolean destructive() {
        return destructive;
    }
}
