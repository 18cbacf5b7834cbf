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
}
