package io.pvebench.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code pvesh get /cluster/ha/resources --output-format json}: the resource's
 * configuration from {@code resources.cfg} (pve-ha-manager {@code src/PVE/API2/HA/Resources.pm},
 * options in {@code src/PVE/HA/Resources.pm}). Missing options take Proxmox's defaults.
 *
 * @param sid         {@code vm:101}, {@code ct:100}
 * @param type        {@code vm} or {@code ct}
 * @param state       requested state: {@code started}, {@code stopped}, {@code disabled} or {@code ignored}
 *                    ({@code enabled} is read as {@code started}, its alias); default {@code started}
 * @param group       the HA group (PVE 8.x), absent when none or after groups became rules
 * @param maxRestart  restarts on the same node after a failed start; default 1
 * @param maxRelocate relocations to another node after the restarts failed; default 1
 * @param failback    whether it moves back to a higher-priority node (9.x); default true
 */
public record HaResourceConfig(String sid, String type, String state, Optional<String> group, int maxRestart,
                               int maxRelocate, boolean failback) {

    private static final String PATH = "/cluster/ha/resources";

    /** Reads the whole answer; an entry without {@code sid} is a {@link ProxmoxException}. */
    public static List<HaResourceConfig> parseAll(String json) {
        return PveshJson.objects(json, PATH).stream().map(HaResourceConfig::of).toList();
    }

    private static HaResourceConfig of(JsonNode e) {
        String sid = e.path("sid").asText("");
        if (sid.isEmpty()) {
            throw new ProxmoxException("pvesh get " + PATH + ": entry without 'sid': " + e);
        }
        String state = e.path("state").asText("started");
        String type = e.hasNonNull("type") ? e.get("type").asText() : sid.substring(0, Math.max(0, sid.indexOf(':')));
        return new HaResourceConfig(sid, type, state.equals("enabled") ? "started" : state,
                Optional.ofNullable(e.get("group")).map(JsonNode::asText).filter(g -> !g.isEmpty()),
                e.path("max_restart").asInt(1), e.path("max_relocate").asInt(1), e.path("failback").asInt(1) == 1);
    }
}
