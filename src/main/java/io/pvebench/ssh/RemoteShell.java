package io.pvebench.ssh;

import java.time.Duration;

/**
 * Runs one command on one host and returns what it printed.
 *
 * <p>Implementations are thread-safe: several commands may run on the same host at
 * once (one channel each over a shared session). They never log the command's
 * credentials. A command that does not finish within {@code timeout} is abandoned
 * and {@link CommandTimeoutException} is thrown; a host that cannot be reached, or a
 * session that drops mid-command, throws {@link SshException}. A non-zero exit code
 * is returned, not thrown.
 */
public interface RemoteShell extends AutoCloseable {

    CommandResult run(SshHost host, String command, Duration timeout);

    /** Closes every pooled session. */
    @Override
    void close();
}
