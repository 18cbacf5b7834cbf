package io.pvebench.sim.command;

/**
 * The operating system every simulated guest runs: Debian 12 with its 6.1 kernel, as
 * {@code uname} and the tools that print system information show it.
 */
final class GuestOs {

    static final String RELEASE = "6.1.0-28-amd64";
    static final String VERSION = "#1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)";

    private GuestOs() {
    }
}
