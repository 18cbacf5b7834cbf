package io.pvebench.sim.command;

/** What a command printed and how it exited. */
public record Reply(String stdout, String stderr, int exitCode) {

    public static Reply ok(String stdout) {
        return new Reply(stdout, "", 0);
    }

    public static Reply error(String stderr, int exitCode) {
        return new Reply("", stderr, exitCode);
    }
}
