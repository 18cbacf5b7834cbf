package io.pvebench.pipeline;

import java.util.Objects;

/**
 * One cluster node and where its SSH server listens.
 *
 * @param name    the node name Proxmox uses ({@code pve1})
 * @param address host name or IP address
 * @param port    TCP port, 1..65535 (22 unless the file says otherwise)
 */
public record NodeDef(String name, String address, int port) {

    public NodeDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
