package io.pvebench.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code pvesh get /cluster/ha/groups --output-format json} (PVE 8.x, and 9.x until
 * the groups are migrated to rules; pve-ha-manager {@code src/PVE/API2/HA/Groups.pm}, options in
 * {@code src/PVE/HA/Groups.pm}). Once migrated, the endpoint fails with {@code ha groups have been
 * migrated to rules}, which the caller sees as the command's error.
 *
 * @param group      the group id
 * @param nodes      node → priority (0 when none is written; higher wins)
 * @param restricted its resources may run only on its nodes (becomes a strict rule on migration)
 * @param nofailback its resources stay where they are when a higher-priority node comes back
 */
public record HaGroupConfig(String group, Map<String, Integer> nodes, boolean restricted, boolean nofailback) {

    private static final String PATH = "/cluster/ha/groups";

    public HaGroupConfig {
        nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    }

    /** Reads the whole answer; an entry without {@code group} or {@code nodes} is a {@link ProxmoxException}. */
    public static List<HaGroupConfig> parseAll(String json) {
        return PveshJson.objects(json, PATH).stream().map(HaGroupConfig::of).toList();
    }

    private static HaGroupConfig of(JsonNode e) {
        String group = e.path("group").asText("");
        if (group.isEmpty() || !e.hasNonNull("nodes")) {
            throw new ProxmoxException("pvesh get " + PATH + ": entry without 'group' or 'nodes': " + e);
        }
        return new HaGroupConfig(group,
                HaRuleConfig.nodePriorities(e.get("nodes").asText(), "pvesh get " + PATH + " group " + group),
                e.path("restricted").asInt(0) == 1, e.path("nofailback").asInt(0) == 1);
    }
}
