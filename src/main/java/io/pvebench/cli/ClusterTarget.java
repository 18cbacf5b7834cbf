package io.pvebench.cli;

import io.pvebench.proxmox.ClusterClock;
import io.pvebench.proxmox.ClusterPort;
import java.util.function.Function;
import io.pvebench.ssh.SshHosts;
import io.pvebench.ssh.SshSettings;

/**
 * The cluster a run talks to: its name, its nodes' SSH endpoints and how to log in.
 * Closing it stops what was started for the run (the embedded twin); a real cluster is
 * left alone.
 *
 * @param name    cluster name shown in reports ({@code twin} for the embedded twin)
 * @param hosts   one SSH endpoint per node
 * @param ssh     login and host-key settings shared by every node
 * @param clock   how the cluster's time is found, given a port to it: the embedded twin's is
 *                known exactly, a cluster reached over SSH is asked for it
 * @param onClose what closing stops
 */
record ClusterTarget(String name, SshHosts hosts, SshSettings ssh, Function<ClusterPort, ClusterClock> clock,
                     Runnable onClose) implements AutoCloseable {

    @Override
    public void close() {
        onClose.run();
    }
}
