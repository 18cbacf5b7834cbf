package io.pvebench.guest;

import java.time.Duration;
import java.util.List;

/**
 * Runs commands inside VMs. Thread-safe.
 *
 * <p>Throws {@link GuestAgentException} when the command could not be run in the guest
 * at all (VM not on that node, agent not running, guest-side timeout) and
 * {@link io.pvebench.ssh.SshException} when the node cannot be reached.
 */
public interface GuestPort {

    GuestResult exec(GuestVm vm, List<String> argv, Duration timeout);

    /** The guest's first non-loopback IPv4 address, as its agent reports it. */
    String address(GuestVm vm);
}
