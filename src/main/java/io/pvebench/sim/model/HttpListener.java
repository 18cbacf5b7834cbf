package io.pvebench.sim.model;

/**
 * A {@code python3 -m http.server} running in a guest until killed: the address it bound
 * ({@code 0.0.0.0} for all of the guest's), its port and the directory it serves.
 */
public record HttpListener(int vmid, String bind, int port, String directory) {

    /** Whether a connection to {@code ip:port} of guest {@code vmid} (whose address is {@code ip}) reaches it. */
    public boolean accepts(int vmid, String ip, int port) {
        return this.vmid == vmid && this.port == port && (bind.equals("0.0.0.0") || bind.equals(ip));
    }
}
