package io.pvebench.sim;

/**
 * Where a simulated node listens, and the known_hosts line of its host key
 * ({@code [127.0.0.1]:PORT ssh-ed25519 AAAA...}, no newline).
 */
public record SimNodeEndpoint(String name, String host, int port, String knownHostsLine) {
}
