package io.pvebench.cli;

import io.pvebench.ssh.SshHosts;
import io.pvebench.ssh.SshSettings;

/**
 * The cluster a run talks to: its name, its nodes' SSH endpoints and how to log in.
 * Closing it stops what it started (the embedded twin); a real cluster is left alone.
 */
interface ClusterTarget extends AutoCloseable {

    String name();

    SshHosts hosts();

    SshSettings ssh();

    @Override
    void close();
}
