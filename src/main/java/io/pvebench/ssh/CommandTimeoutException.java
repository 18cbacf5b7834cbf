package io.pvebench.ssh;

import java.time.Duration;

/** A remote command did not finish within its timeout; its channel was closed. */
public class CommandTimeoutException extends SshException {

    public CommandTimeoutException(SshHost host, String command, Duration timeout) {
        super("command on " + host.name() + " did not finish within " + timeout.toMillis() + " ms: " + command);
    }
}
