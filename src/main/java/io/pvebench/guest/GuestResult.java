package io.pvebench.guest;

import java.time.Duration;
import java.util.List;

/**
 * What a command inside a guest did. A non-zero exit code is data.
 *
 * @param vm       where it ran
 * @param argv     the command, word by word
 * @param exitCode the guest process's exit code
 * @param stdout   its standard output (the agent's {@code out-data})
 * @param stderr   its standard error (the agent's {@code err-data})
 * @param elapsed  wall-clock time including the agent round trip
 */
public record GuestResult(GuestVm vm, List<String> argv, int exitCode, String stdout, String stderr,
                          Duration elapsed) {

    public GuestResult {
        argv = List.copyOf(argv);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    public String commandLine() {
        return String.join(" ", argv);
    }
}
