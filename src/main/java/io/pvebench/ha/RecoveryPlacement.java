package io.pvebench.ha;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Picks the node a recovered service goes to, as pve-ha-manager's {@code select_service_node}
 * does for {@code recovery} ({@code best-score}) and for a relocation after a failed start
 * ({@code try-next}): the online, non-maintenance nodes its node affinity allows (a non-strict
 * rule adds every other node at priority −1, {@code NodeAffinity.pm}); of those, the highest
 * priority; minus the nodes where it already failed; minus nodes running a negative-affinity
 * partner; narrowed to the node with most positive-affinity partners; then the best CRS score,
 * ties by node name. It keeps the cluster's usage as recoveries land, since the CRM recovers
 * services one by one in SID order.
 */
final class RecoveryPlacement {

    private final HaFacts facts;
    private final Set<String> online;
    private final Map<String, String> placement = new HashMap<>();
    private final Map<String, Integer> counted = new HashMap<>();
    private final Map<String, Long> memoryUsed = new HashMap<>();

    /** A choice, or why there is none. */
    record Choice(Optional<String> node, String why, Optional<String> uncertainty) {
    }

    RecoveryPlacement(HaFacts facts, String failed) {
        this.facts = facts;
        this.online = new LinkedHashSet<>();
        for (HaNode n : facts.nodes()) {
            if (n.online() && !n.name().equals(failed) && !n.maintenance()) {
                online.add(n.name());
            }
            counted.put(n.name(), n.guestCount());
            memoryUsed.put(n.name(), n.memoryUsed());
        }
        for (HaVm vm : facts.vms()) {
            placement.put(vm.sid(), vm.node());
        }
    }

    Choice choose(HaVm vm, Set<String> tried) {
        if (online.isEmpty()) {
            return new Choice(Optional.empty(), "no surviving node is online and out of maintenance", Optional.empty());
        }
        Optional<NodeAffinity> affinity = facts.nodeAffinityOf(vm.sid());
        Map<String, Integer> allowed = new TreeMap<>();
        for (String n : online) {
            if (affinity.isEmpty()) {
                allowed.put(n, 0);
            } else if (affinity.get().nodes().containsKey(n)) {
                allowed.put(n, affinity.get().nodes().get(n));
            } else if (!affinity.get().strict()) {
                allowed.put(n, -1);
            }
        }
        if (allowed.isEmpty()) {
            return new Choice(Optional.empty(), affinity.orElseThrow().onlyWording(), Optional.empty());
        }
        int top = allowed.values().stream().max(Integer::compare).orElseThrow();
        Set<String> preferred = new LinkedHashSet<>();
        allowed.forEach((n, p) -> {
            if (p == top) {
                preferred.add(n);
            }
        });
        preferred.removeAll(tried);
        if (preferred.isEmpty()) {
            return new Choice(Optional.empty(), "no other allowed node is left to relocate to", Optional.empty());
        }
        List<String> apart = new ArrayList<>();
        Map<String, Integer> together = new TreeMap<>();
        for (ResourceAffinity r : facts.resourceAffinities()) {
            if (!r.resources().contains(vm.sid())) {
                continue;
            }
            for (String partner : r.resources()) {
                String where = placement.get(partner);
                if (partner.equals(vm.sid()) || where == null || !online.contains(where)) {
                    continue;
                }
                if (r.positive()) {
                    together.merge(where, 1, Integer::sum);
                } else if (preferred.remove(where)) {
                    apart.add(partner + " runs on " + where + " (negative resource affinity rule '" + r.name() + "')");
                }
            }
        }
        if (preferred.isEmpty()) {
            return new Choice(Optional.empty(), "no allowed node is free of its negative affinity partners: "
                    + String.join("; ", apart), Optional.empty());
        }
        together.keySet().retainAll(preferred);
        String why = affinity.map(a -> a.label() + " prefers " + String.join(", ", preferred)
                + (top > 0 ? " (priority " + top + ")" : top < 0 ? " (none of its nodes is up)" : "")).orElse("");
        if (!together.isEmpty()) {
            String majority = together.entrySet().stream()
                    .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow().getKey();
            preferred.retainAll(Set.of(majority));
            return new Choice(Optional.of(majority), join(why, "positive resource affinity keeps it with its partners on "
                    + majority), Optional.empty());
        }
        return best(preferred, why);
    }

    private Choice best(Set<String> candidates, String why) {
        Comparator<String> order = facts.crs() == CrsMode.BASIC
                ? Comparator.comparingInt(counted::get)
                : Comparator.comparingLong((String n) -> -free(n));
        List<String> ranked = candidates.stream().sorted(order.thenComparing(Comparator.naturalOrder())).toList();
        String chosen = ranked.get(0);
        Optional<String> uncertainty = Optional.empty();
        String score;
        if (facts.crs() == CrsMode.BASIC) {
            score = "fewest counted guests (" + counted.get(chosen) + ")";
            if (ranked.size() > 1 && counted.get(ranked.get(1)).equals(counted.get(chosen))) {
                uncertainty = Optional.of("tie with " + ranked.get(1) + " at " + counted.get(chosen)
                        + " counted guests, broken by node name; the CRM's count may differ from pvebench's");
            }
        } else {
            score = "most free memory (" + Gib.of(free(chosen)) + ")";
            uncertainty = Optional.of(facts.crs().name().toLowerCase(java.util.Locale.ROOT)
                    + " CRS scores vCPU and memory together; pvebench ranks by free memory only");
        }
        return new Choice(Optional.of(chosen), join(why, score), uncertainty);
    }

    long free(String node) {
        HaNode n = facts.node(node).orElseThrow();
        return Math.max(0, n.memoryTotal() - memoryUsed.get(node));
    }

    /** Records that {@code vm} now runs on {@code node}. */
    void land(HaVm vm, String node) {
        placement.put(vm.sid(), node);
        counted.merge(node, 1, Integer::sum);
        memoryUsed.merge(node, vm.memory(), Long::sum);
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }
}
