package io.pvebench.ssh;

import java.util.Objects;

/**
 * One SSH endpoint of a cluster.
 *
 * @param name the node name used in Proxmox (e.g. {@code pve1}), also the key of the session pool
 * @param address host name or IP address to connect to
 * @param port TCP port, 1..65535
 */
public record SshHost(String name, String address, int port) {

    public SshHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return name + " (" + address + ":" + port + ")";
    }
}
