package io.pvebench.stage;

import io.pvebench.guest.GuestVm;
import io.pvebench.proxmox.ClusterResource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the VMs of a failed node are, read from a node that did not fail every {@value #POLL_SECONDS} s of
 * cluster time: when each runs again (elsewhere, or where it was once the cluster had seen it down), when
 * its guest agent answers, when it answers a peer VM's ping; and the survivor's first troubled
 * {@code ha-manager status}. Used by one stage thread.
 */
final class FailoverWatch {

    /** How often the cluster is read while the VMs are away, in cluster time. */
    private static final int POLL_SECONDS = 2;
    private static final Duration POLL = Duration.ofSeconds(POLL_SECONDS);
    private static final Duration AGENT_TIMEOUT = Duration.ofSeconds(5);

    private final RunContext run;
    private final String failed;
    private final String survivor;
    private final List<GuestVm> affected;
    private final Map<Integer, Instant> running = new LinkedHashMap<>();
    private final Map<Integer, String> runningOn = new LinkedHashMap<>();
    private final Map<Integer, Instant> reachable = new LinkedHashMap<>();
    private final Map<Integer, Instant> pingable = new LinkedHashMap<>();
    private final Set<Integer> seenDown = new HashSet<>();
    /** The survivor's {@code ha-manager status}: the first that did not say {@code quorum OK}, else the last. */
    private String status = "";
    private Instant statusAt;
    private boolean statusTroubled;
    private final Optional<GuestVm> peer;
    private final Map<Integer, String> addresses;

    FailoverWatch(RunContext run, String failed, String survivor, List<GuestVm> affected, Optional<GuestVm> peer,
                  Map<Integer, String> addresses) {
        this.run = run;
        this.failed = failed;
        this.survivor = survivor;
        this.affected = affected;
        this.peer = peer;
        this.addresses = addresses;
    }

    /** When the VM ran again (after being seen down, or elsewhere). */
    Optional<Instant> running(int vmid) {
        return Optional.ofNullable(running.get(vmid));
    }

    /** Where it ran again. */
    Optional<String> runningOn(int vmid) {
        return Optional.ofNullable(runningOn.get(vmid));
    }

    /** When its guest agent answered after that. */
    Optional<Instant> reachable(int vmid) {
        return Optional.ofNullable(reachable.get(vmid));
    }

    /** When it answered the peer's ping after that. */
    Optional<Instant> pingable(int vmid) {
        return Optional.ofNullable(pingable.get(vmid));
    }

    private boolean done() {
        return reachable.size() == affected.size() && (peer.isEmpty() || pingable.size() == affected.size());
    }

    void until(Instant deadline) {
        while (!done() && run.clusterClock().now().isBefore(deadline)) {
            read();
            if (!done()) {
                run.waitUntil(run.clusterClock().now().plus(POLL), "waiting for the VMs to run elsewhere");
            }
        }
    }

    private void read() {
        List<ClusterResource> resources;
        try {
            resources = run.shell().withoutRecording(() -> run.cluster().resources(survivor));
        } catch (RuntimeException e) {
            // the survivor may be rebooting too (a 2-node cluster without quorum): keep asking
            return;
        }
        Instant now = run.clusterClock().now();
        readStatus(now);
        Set<String> online = new HashSet<>();
        resources.stream().filter(r -> "node".equals(r.type()) && "online".equals(r.status()))
                .forEach(r -> online.add(r.node()));
        for (GuestVm vm : affected) {
            Optional<ClusterResource> r = resources.stream()
                    .filter(e -> e.isVm() && Integer.valueOf(vm.vmid()).equals(e.vmid())).findFirst();
            boolean up = r.filter(e -> "running".equals(e.status()) && online.contains(e.node())).isPresent();
            if (!up) {
                seenDown.add(vm.vmid());
            }
            // running again: elsewhere, or where it was once the cluster had seen it down (its node reset
            // and came back before the HA stack fenced it, and its LRM started it there)
            if (up && !running.containsKey(vm.vmid())
                    && (seenDown.contains(vm.vmid()) || !failed.equals(r.get().node()))) {
                running.put(vm.vmid(), now);
                runningOn.put(vm.vmid(), r.get().node());
            }
            if (running.containsKey(vm.vmid()) && !reachable.containsKey(vm.vmid()) && agentAnswers(vm)) {
                reachable.put(vm.vmid(), run.clusterClock().now());
            }
            // a VM the failure did not stop (its node only left the cluster) answers all along: that counts only
            // once it runs elsewhere
            if (running.containsKey(vm.vmid()) && !pingable.containsKey(vm.vmid()) && answersPing(vm)) {
                pingable.put(vm.vmid(), run.clusterClock().now());
            }
        }
    }

    private void readStatus(Instant now) {
        if (statusTroubled) {
            return;
        }
        try {
            String text = run.shell().withoutRecording(() -> run.cluster().haStatus(survivor)).strip();
            status = text.replace("\n", " | ");
            statusAt = now;
            statusTroubled = !text.startsWith("quorum OK");
        } catch (RuntimeException e) {
            // the survivor rebooting: its status is what it said before
        }
    }

    /** The survivor's status as the diagnosis quotes it, with when it was read. */
    String telling(Instant failedAt) {
        return statusAt == null ? "ha-manager status on " + survivor + " never read"
                : "ha-manager status on " + survivor + " at +" + Duration.between(failedAt, statusAt).toSeconds()
                        + " s: " + status;
    }

    private boolean answersPing(GuestVm vm) {
        if (peer.isEmpty()) {
            return false;
        }
        try {
            return run.shell().withoutRecording(() -> run.guests().exec(peer.get(), List.of("fping", "-c", "1",
                    "-t", "500", "-q", addresses.get(vm.vmid())), AGENT_TIMEOUT)).exitCode() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean agentAnswers(GuestVm vm) {
        try {
            return run.shell().withoutRecording(() -> run.guests().exec(new GuestVm(vm.vmid(),
                    runningOn.get(vm.vmid())), List.of("true"), AGENT_TIMEOUT)).exitCode() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
