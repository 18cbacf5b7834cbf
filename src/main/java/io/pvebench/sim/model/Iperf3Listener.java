package io.pvebench.sim.model;

/**
 * An {@code iperf3 -s} running in a guest: its address, port, whether it stops after
 * one client ({@code -1}) and whether a test is running on it now.
 */
public record Iperf3Listener(int vmid, String ip, int port, boolean oneOff, boolean busy) {

    public Iperf3Listener withBusy(boolean value) {
        return new Iperf3Listener(vmid, ip, port, oneOff, value);
    }
}
