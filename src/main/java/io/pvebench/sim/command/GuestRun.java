package io.pvebench.sim.command;

import java.time.Duration;

/**
 * What a program inside a guest did: its output, how long it ran in model time
 * ({@code null} = until killed, like {@code iperf3 -s} without {@code -D}), and what to
 * undo when it ends (free an iperf3 server). {@code spawnError} is set when the guest
 * agent could not start the program at all.
 */
record GuestRun(Reply reply, Duration duration, Runnable onEnd, String spawnError) {

    static GuestRun done(Reply reply, Duration duration) {
        return new GuestRun(reply, duration, () -> { }, null);
    }

    static GuestRun notFound(String program) {
        return new GuestRun(null, Duration.ZERO, () -> { },
                "Failed to execute child process \u201c" + program + "\u201d (No such file or directory)");
    }
}
