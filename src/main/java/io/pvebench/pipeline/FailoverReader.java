package io.pvebench.pipeline;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a pipeline's {@code failover:} into {@link FailoverSettings}, every problem reported with
 * its position, and refuses a method that makes a node fail on a cluster whose file does not
 * allow it, or on a node it protects.
 */
final class FailoverReader {

    private static final Keys FAILOVER = Keys.allowed("method", "node", "link", "at", "timeout", "heal")
            .required("method");
    private static final Map<String, FailoverMethod> METHODS = Arrays.stream(FailoverMethod.values())
            .collect(Collectors.toMap(FailoverMethod::written, Function.identity()));
    private static final Map<String, String> HINTS = Map.of(
            "crash", "a crash leaves a node down until someone powers it on; 'reset' fails it the same way and it"
                    + " reboots by itself",
            "network", "'corosync' cuts only the cluster traffic; 'link' sets an interface down");
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private final Values values;

    FailoverReader(Values values) {
        this.values = values;
    }

    Optional<FailoverSettings> read(MappingReader parent, Optional<ClusterRef> cluster) {
        Optional<MappingReader> found = parent.mapping("failover", FAILOVER);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MappingReader f = found.get();
        int before = values.problems().count();
        Optional<FailoverMethod> method = f.oneOf("method", METHODS, HINTS);
        List<String> nodes = cluster.map(ClusterRef::nodeNames).orElse(List.of());
        Optional<String> node = f.name("node");
        node.filter(n -> !nodes.isEmpty() && !nodes.contains(n)).ifPresent(n -> values.problems().add(
                f.node("node").orElseThrow().position(), "'failover.node': '" + n + "' is not a node of the cluster",
                "one of " + String.join(", ", nodes) + "; without 'node' the node of the spec's first VM fails"));
        Optional<String> link = f.text("link");
        link.filter(l -> !DEVICE.matcher(l).matches()).ifPresent(l -> values.problems().add(
                f.node("link").orElseThrow().position(), "'failover.link': '" + l + "' is not a network interface name",
                "the Linux name of the cluster network's interface, e.g. eno2 or vmbr1"));
        if (method.orElse(null) == FailoverMethod.LINK && link.isEmpty()) {
            values.problems().add(f.mapping().position(), "'failover.method: link' needs 'failover.link'",
                    "name the cluster network's interface, never the one pvebench reaches the node through");
        }
        if (method.isPresent() && method.get() != FailoverMethod.LINK && link.isPresent()) {
            values.problems().add(f.node("link").orElseThrow().position(), "'failover.link' applies only to"
                    + " method 'link', not '" + method.get().written() + "'", "remove 'link'");
        }
        Duration at = f.duration("at", Duration.ZERO, Duration.ofHours(1)).orElse(FailoverSettings.DEFAULT_AT);
        Duration timeout = f.duration("timeout", Duration.ofSeconds(10), Duration.ofHours(2))
                .orElse(FailoverSettings.DEFAULT_TIMEOUT);
        Duration heal = f.duration("heal", Duration.ofSeconds(10), Duration.ofHours(2))
                .orElse(FailoverSettings.DEFAULT_HEAL);
        method.filter(FailoverMethod::destructive).ifPresent(m -> cluster.ifPresent(c -> refuseUnlessAllowed(f, m, c,
                node)));
        if (values.problems().count() > before || method.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FailoverSettings(method.get(), node,
                method.get() == FailoverMethod.LINK ? link : Optional.empty(), at, timeout, heal));
    }

    private void refuseUnlessAllowed(MappingReader f, FailoverMethod method, ClusterRef cluster, Optional<String> node) {
        if (!cluster.allowsDestructive()) {
            values.problems().add(f.node("method").orElseThrow().position(), "failover method '" + method.written()
                            + "' makes a node fail on purpose, which " + cluster.describedWhere() + " does not allow",
                    "set 'allowDestructive: true' in the cluster file to allow it (the failure is undone after the"
                            + " case, and by the next run if pvebench dies), or use method 'maintenance', which only"
                            + " moves HA guests away and back");
        }
        node.filter(cluster.protectedNodes()::contains).ifPresent(n -> values.problems().add(
                f.node("node").orElseThrow().position(), "node '" + n + "' is protected in "
                        + cluster.describedWhere() + ": pvebench never makes it fail",
                "choose another node, or use method 'maintenance'"));
    }
}
