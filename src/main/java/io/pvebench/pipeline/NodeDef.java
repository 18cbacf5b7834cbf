package io.pvebench.pipeline;

import java.util.Objects;

/**
 * One cluster node and where its SSH server listens.
 *
 * @param name    the node name Proxmox uses ({@code pve1})
 * @param address host name or IP address
 * @param port    TCP port, 1..65535 (22 unless the file says otherwise)
 * @param guarded the file's {@code protected: true}: pvebench never makes this node fail on purpose,
 *                whatever a pipeline asks (a node that runs what must not stop)
 */
public record NodeDef(String name, String address, int port, boolean guarded) {

    public NodeDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A node pvebench may make fail when the cluster allows it. */
    public NodeDef(String name, String address, int port) {
        this(name, address, port, false);
    }
}
