package io.pvebench.measure;

import io.pvebench.measure.HaJournal.Event;
import io.pvebench.measure.HaJournal.Kind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One VM's failover in phases, each from the node's failure: detected (the master saw the node
 * leave), fence (its service went to {@code fence}), fence acknowledged, recovery, started
 * elsewhere (the master's decision), running (the cluster lists it on another node), reachable
 * (its guest agent answers), pingable (it answers the peer VM's ping). The first five come from
 * the HA journal, whose lines carry whole seconds, the rest from pvebench's own readings. A phase that did not happen is absent;
 * an event before the failure (an earlier case's) never counts. Stateless.
 *
 * @param failedAt  when pvebench made the node fail
 * @param node      the failed node
 * @param service   the VM's HA service id ({@code vm:101})
 * @param detected  when the master logged the node leaving
 * @param fence     when the service went to {@code fence}
 * @param fenceAck  when the master acknowledged the fence
 * @param recovery  when the service went to {@code recovery}
 * @param started   when the service went to {@code started} on another node
 * @param target    that node, from the journal or the cluster
 * @param running   when pvebench saw the VM running on another node
 * @param reachable when its guest agent first answered after that
 * @param pingable  when it first answered the peer VM's ping after the failure; empty also when no
 *                  peer could probe it (the peer ran on the failed node)
 */
public record FailoverTimeline(Instant failedAt, String node, String service, Optional<Instant> detected,
                               Optional<Instant> fence, Optional<Instant> fenceAck, Optional<Instant> recovery,
                               Optional<Instant> started, Optional<String> target, Optional<Instant> running,
                               Optional<Instant> reachable, Optional<Instant> pingable) {

    /**
     * @param observedOn where pvebench saw the VM running after the failure, if it did
     */
    public static FailoverTimeline of(Instant failedAt, String node, String service, List<Event> journal,
                                      Optional<Instant> running, Optional<String> observedOn,
                                      Optional<Instant> reachable, Optional<Instant> pingable) {
        // the journal's seconds are truncated: an event in the failure's own second counts
        Instant from = failedAt.minusSeconds(1);
        Optional<Event> start = first(journal, from, e -> e.kind() == Kind.SERVICE_STATE
                && e.subject().equals(service) && e.to().equals("started") && !e.from().equals("started")
                && e.node().filter(n -> !n.equals(node)).isPresent());
        Optional<String> target = start.flatMap(Event::node).or(() -> observedOn);
        return new FailoverTimeline(failedAt, node, service,
                at(first(journal, from, e -> e.kind() == Kind.NODE_STATE && e.subject().equals(node)
                        && e.from().equals("online"))),
                at(serviceTo(journal, from, service, "fence")),
                at(first(journal, from, e -> e.kind() == Kind.FENCE_ACKNOWLEDGED && e.subject().equals(node))),
                at(serviceTo(journal, from, service, "recovery")),
                at(start), target, running, reachable, pingable);
    }

    private static Optional<Event> serviceTo(List<Event> journal, Instant from, String service, String state) {
        return first(journal, from, e -> e.kind() == Kind.SERVICE_STATE && e.subject().equals(service)
                && e.to().equals(state));
    }

    private static Optional<Event> first(List<Event> journal, Instant from, Predicate<Event> what) {
        return journal.stream().filter(e -> !e.at().isBefore(from)).filter(what)
                .min(java.util.Comparator.comparing(Event::at));
    }

    private static Optional<Instant> at(Optional<Event> event) {
        return event.map(Event::at);
    }

    /** Whether the VM ran on another node: failed over. */
    public boolean recovered() {
        return running.isPresent() && target.filter(t -> !t.equals(node)).isPresent();
    }

    /** Whether it ran again only where it was, once its node came back: no failover. */
    public boolean backInPlace() {
        return running.isPresent() && !recovered();
    }

    /** Every phase that happened, as samples in ms from the failure, and whether it recovered. */
    public List<Sample> samples(Map<String, String> labels, Instant stamp) {
        List<Sample> out = new ArrayList<>();
        add(out, Metric.FAILOVER_DETECTED, detected, labels);
        add(out, Metric.FAILOVER_FENCE, fence, labels);
        add(out, Metric.FAILOVER_FENCE_ACKNOWLEDGED, fenceAck, labels);
        add(out, Metric.FAILOVER_RECOVERY, recovery, labels);
        add(out, Metric.FAILOVER_STARTED, started, labels);
        add(out, Metric.FAILOVER_RUNNING, running, labels);
        add(out, Metric.FAILOVER_REACHABLE, reachable, labels);
        add(out, Metric.FAILOVER_PINGABLE, pingable, labels);
        out.add(Sample.of(Metric.FAILOVER_NOT_RECOVERED, recovered() ? 0 : 1, labels, stamp));
        return out;
    }

    private void add(List<Sample> out, Metric metric, Optional<Instant> at, Map<String, String> labels) {
        at.ifPresent(t -> out.add(Sample.of(metric, Math.max(0, Duration.between(failedAt, t).toMillis()), labels, t)));
    }

    /** The phases as one line: {@code detected +12 s, fence +62 s, ..., reachable +151 s}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        part(parts, "detected", detected);
        part(parts, "fence", fence);
        part(parts, "fence acknowledged", fenceAck);
        part(parts, "recovery", recovery);
        part(parts, "started on " + target.orElse("?"), started);
        part(parts, "running", running);
        part(parts, "reachable", reachable);
        part(parts, "answers ping", pingable);
        if (backInPlace()) {
            parts.add("back in place on " + node + " once it came back: no failover");
        }
        return parts.isEmpty() ? "nothing happened" : String.join(", ", parts);
    }

    private void part(List<String> parts, String name, Optional<Instant> at) {
        at.ifPresent(t -> parts.add(name + " +" + Math.max(0, Duration.between(failedAt, t).toSeconds()) + " s"));
    }
}
