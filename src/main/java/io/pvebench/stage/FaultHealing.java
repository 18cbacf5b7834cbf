package io.pvebench.stage;

import io.pvebench.proxmox.ClusterStatus;
import io.pvebench.ssh.SshException;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Heals the faults pvebench injected: carries out their undoing steps, then waits until the
 * cluster is whole again (every node concerned back online, the cluster quorate). The one
 * mechanism for a case's teardown and for a later run healing what a killed one left; it goes on
 * when the run is asked to stop, since a stop must not leave a node cut off.
 */
final class FaultHealing {

    /** How often the cluster is asked whether it is whole again, in cluster time. */
    private static final Duration POLL = Duration.ofSeconds(5);

    private FaultHealing() {
    }

    /**
     * Carries out {@code heals} in order, each retried while its node cannot be reached (it may be
     * rebooting), then waits for the cluster to be whole.
     *
     * @throws HealFailedException when a step fails or the cluster is not whole within {@code within}
     */
    static void heal(RunContext run, String change, List<Heal> heals, Duration within) {
        Instant deadline = run.clusterClock().now().plus(within);
        for (Heal heal : heals) {
            while (true) {
                try {
                    heal.apply(run.faults());
                    break;
                } catch (SshException e) {
                    if (!run.clusterClock().now().isBefore(deadline)) {
                        throw failed(change, heals, heal.node() + " did not answer for " + within.toSeconds()
                                + " s (" + e.getMessage() + ")");
                    }
                    run.waitEvenWhenStopping(run.clusterClock().now().plus(POLL),
                            "waiting for " + heal.node() + " to answer");
                } catch (RuntimeException e) {
                    throw failed(change, heals, Faults.describe(e));
                }
            }
        }
        Set<String> nodes = heals.stream().map(Heal::node).collect(Collectors.toCollection(LinkedHashSet::new));
        String missing = whole(run, nodes);
        while (missing != null) {
            if (!run.clusterClock().now().isBefore(deadline)) {
                throw failed(change, heals, "after " + within.toSeconds() + " s " + missing);
            }
            run.waitEvenWhenStopping(run.clusterClock().now().plus(POLL), "waiting for the cluster to be whole");
            missing = whole(run, nodes);
        }
    }

    /** What the cluster still lacks, or null when it is whole for {@code nodes}. */
    private static String whole(RunContext run, Set<String> nodes) {
        ClusterStatus status;
        try {
            status = run.shell().withoutRecording(() -> run.cluster().status());
        } catch (RuntimeException e) {
            return "the cluster's status cannot be read (" + e.getMessage() + ")";
        }
        List<String> away = nodes.stream().filter(n -> status.nodes().stream()
                .noneMatch(s -> s.name().equals(n) && s.online())).toList();
        if (!away.isEmpty()) {
            return "node(s) " + away + " not back online";
        }
        return status.quorate() ? null : "the cluster is not quorate";
    }

    private static HealFailedException failed(String change, List<Heal> heals, String why) {
        return new HealFailedException("could not heal '" + change + "': " + why + "; heal it by hand: "
                + heals.stream().map(Heal::byHand).collect(Collectors.joining("; ")));
    }
}
