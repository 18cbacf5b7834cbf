package io.pvebench.ha;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where resources may or should run: a 9.x node-affinity rule, or an 8.x HA group read the way
 * pve-ha-manager migrates groups to rules ({@code Groups.pm migrate_groups_to_rules}:
 * {@code restricted} becomes {@code strict}). Only rules the CRM applies belong here (not disabled,
 * no feasibility errors).
 *
 * @param name      rule id or group name
 * @param fromGroup whether it is an HA group (changes only the wording of reasons)
 * @param resources SIDs it binds
 * @param nodes     node → priority; higher wins
 * @param strict    the resources may run nowhere else (a restricted group)
 */
public record NodeAffinity(String name, boolean fromGroup, Set<String> resources, Map<String, Integer> nodes,
                           boolean strict) {

    public NodeAffinity {
        Objects.requireNonNull(name, "name");
        resources = Set.copyOf(resources);
        nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("node affinity " + name + " names no node");
        }
    }

    public static NodeAffinity rule(String name, Set<String> resources, Map<String, Integer> nodes, boolean strict) {
        return new NodeAffinity(name, false, resources, nodes, strict);
    }

    public static NodeAffinity group(String name, Set<String> resources, Map<String, Integer> nodes,
                                     boolean restricted) {
        return new NodeAffinity(name, true, resources, nodes, restricted);
    }

    /** How an admin names it: {@code HA group 'g1'} or {@code node affinity rule 'r1'}. */
    String label() {
        return fromGroup ? "HA group '" + name + "'" : "node affinity rule '" + name + "'";
    }

    /**
     * Why nothing else is allowed: {@code HA group 'g1' is restricted to pve1}, or with several
     * nodes {@code strict node affinity rule 'r' allows only pve1, pve2, none of them up and out of maintenance}.
     */
    String onlyWording() {
        String list = nodes.keySet().stream().sorted().collect(Collectors.joining(", "));
        String none = nodes.size() > 1 ? ", none of them up and out of maintenance" : "";
        return (fromGroup ? label() + " is restricted to " : "strict " + label() + " allows only ") + list + none;
    }
}
