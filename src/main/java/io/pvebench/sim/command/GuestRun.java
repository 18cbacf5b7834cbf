package io.pvebench.sim.command;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a program inside a guest did: its output, how long it ran in model time
 * ({@code null} = until killed, like {@code iperf3 -s} without {@code -D}), and what to
 * undo when it ends (free an iperf3 server). {@code spawnError} is set when the guest
 * agent could not start the program at all.
 *
 * <p>The output is computed once, when first asked for, which is after the program's end:
 * a probe that ran through a live migration begun after the probe started sees it (the
 * model records a migration, with its whole plan, when it begins). A program's output
 * must therefore use the model only for what happened in its run's time span, never the
 * clock's "now" of the moment it is asked.
 */
record GuestRun(Supplier<Reply> output, Duration duration, Runnable onEnd, String spawnError) {

    GuestRun {
        Objects.requireNonNull(output, "output");
        output = once(output);
    }

    /** The program's output; computed on the first call. */
    Reply reply() {
        return output.get();
    }

    static GuestRun done(Reply reply, Duration duration) {
        return new GuestRun(() -> reply, duration, () -> { }, null);
    }

    /** A program whose output is worked out after its end, from the model's record of its time span. */
    static GuestRun later(Supplier<Reply> output, Duration duration, Runnable onEnd) {
        return new GuestRun(output, duration, onEnd, null);
    }

    static GuestRun notFound(String program) {
        return new GuestRun(() -> null, Duration.ZERO, () -> { },
                "Failed to execute child process \u201c" + program + "\u201d (No such file or directory)");
    }

    /** {@code value} worked out on the first call only; later calls get the same result. */
    static <T> Supplier<T> once(Supplier<T> value) {
        return new Supplier<>() {
            private T result;
            private boolean computed;

            @Override
            public synchronized T get() {
                if (!computed) {
                    result = value.get();
                    computed = true;
                }
                return result;
            }
        };
    }
}
