package io.pvebench.sim.model;

/**
 * An {@code iperf3 -s} running in a guest: its address, port, whether it stops after
 * one client ({@code -1}), whether a test is running on it now, and the pid file it
 * wrote ({@code -I}; null without one).
 */
public record Iperf3Listener(int vmid, String ip, int port, boolean oneOff, boolean busy, String pidFile) {

    public Iperf3Listener withBusy(boolean value) {
        return new Iperf3Listener(vmid, ip, port, oneOff, value, pidFile);
    }
}
