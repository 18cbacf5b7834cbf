package io.pvebench.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one remote command: a non-zero exit code is data, not an error;
 * the caller decides what it means.
 *
 * @param host     name of the host the command ran on (as given in the inventory)
 * @param command  the command line exactly as sent
 * @param exitCode the remote exit status ({@code -1} when the server sent none)
 * @param stdout   everything the command wrote to standard output, UTF-8
 * @param stderr   everything the command wrote to standard error, UTF-8
 * @param elapsed  wall-clock time from opening the channel to its close
 */
public record CommandResult(String host, String command, int exitCode, String stdout, String stderr,
                            Duration elapsed) {

    public CommandResult {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(command, "command");
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
