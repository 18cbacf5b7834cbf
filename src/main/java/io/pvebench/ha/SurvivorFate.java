package io.pvebench.ha;

import java.util.Objects;

/**
 * What happens to a node that did not fail.
 *
 * @param node        node name
 * @param selfFences  whether its watchdog resets it: it lost quorum while holding a watchdog
 *                    (an active LRM, or the CRM master)
 * @param why         one sentence
 */
public record SurvivorFate(String node, boolean selfFences, String why) {

    public SurvivorFate {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(why, "why");
    }

    /** {@code pve2 fences itself: loses quorum ...} or {@code pve2 stays up: keeps quorum (2 of 3 votes)}. */
    public String render() {
        return node + (selfFences ? " fences itself: " : " stays up: ") + why;
    }
}
