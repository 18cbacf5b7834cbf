package io.pvebench.guest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs commands inside VMs. Thread-safe.
 *
 * <p>Throws {@link GuestAgentException} when the command could not be run in the guest
 * at all (VM not on that node, agent not running, guest-side timeout) and
 * {@link io.pvebench.ssh.SshException} when the node cannot be reached.
 */
public interface GuestPort {

    GuestResult exec(GuestVm vm, List<String> argv, Duration timeout);

    /**
     * Starts {@code argv} in the guest and returns at once, without waiting for it.
     *
     * @return the guest pid of the process, for {@link #poll}
     * @throws GuestAgentException when the agent could not start it (no such program, VM not on
     *                             that node, agent not running)
     */
    long start(GuestVm vm, List<String> argv);

    /**
     * The outcome of a process {@link #start} began: empty while it runs; once it has exited
     * its exit code, stdout and stderr. A process killed by a signal gets exit code 128 +
     * signal, as a shell reports it. The agent forgets a process once it has reported it
     * exited: poll it again and it is an unknown pid.
     *
     * @throws GuestAgentException when the agent knows no such pid (never started, or already
     *                             collected) or cannot be asked
     */
    Optional<GuestResult> poll(GuestVm vm, long pid);

    /** The guest's first non-loopback IPv4 address, as its agent reports it. */
    default String address(GuestVm vm) {
        return nic(vm).address();
    }

    /** The interface that carries {@link #address}, as the guest's agent reports it. */
    GuestNic nic(GuestVm vm);
}
