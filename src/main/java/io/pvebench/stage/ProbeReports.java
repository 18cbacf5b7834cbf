package io.pvebench.stage;

import io.pvebench.guest.GuestAgentException;
import io.pvebench.guest.GuestResult;
import io.pvebench.guest.GuestVm;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Waits for the report of a probe started in a guest without waiting ({@code GuestPort#start}):
 * the agent is asked once a second of cluster time until the process has exited. Shared by the
 * probes of a migration and of a balancer's watch.
 */
final class ProbeReports {

    private ProbeReports() {
    }

    /**
     * The probe's outcome once it has exited.
     *
     * @param observedUntil when the probe should have ended
     * @param slack         how much later than that it may report (agent round trips, tool start-up)
     * @throws GuestAgentException when it has not reported by {@code observedUntil + slack}
     */
    static GuestResult await(RunContext run, GuestVm vm, long pid, String what, Instant observedUntil,
                             Duration slack) {
        Instant deadline = observedUntil.plus(slack);
        while (true) {
            Optional<GuestResult> done = run.guests().poll(vm, pid);
            if (done.isPresent()) {
                return done.get();
            }
            if (!run.clusterClock().now().isBefore(deadline)) {
                throw new GuestAgentException("the " + what + " in " + vm + " (pid " + pid
                        + ") did not end within " + slack.toSeconds() + " s after the observation");
            }
            run.waitUntil(run.clusterClock().now().plusSeconds(1), "waiting for the " + what);
        }
    }
}
