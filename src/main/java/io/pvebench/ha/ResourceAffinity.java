package io.pvebench.ha;

import java.util.Objects;
import java.util.Set;

/**
 * A 9.x resource-affinity rule the CRM applies: its resources together ({@code positive}) or apart
 * ({@code negative}); both are strict (pve-docs {@code ha-rules-resource-affinity-opts}).
 *
 * @param name      rule id
 * @param resources SIDs, at least two
 * @param positive  together (true) or apart (false)
 */
public record ResourceAffinity(String name, Set<String> resources, boolean positive) {

    public ResourceAffinity {
        Objects.requireNonNull(name, "name");
        resources = Set.copyOf(resources);
        if (resources.size() < 2) {
            throw new IllegalArgumentException("resource affinity " + name + " needs at least two resources");
        }
    }

    public static ResourceAffinity together(String name, String... sids) {
        return new ResourceAffinity(name, Set.of(sids), true);
    }

    public static ResourceAffinity apart(String name, String... sids) {
        return new ResourceAffinity(name, Set.of(sids), false);
    }
}
