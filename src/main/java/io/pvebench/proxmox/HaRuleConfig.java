package io.pvebench.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code pvesh get /cluster/ha/rules --output-format json} (PVE 9.x; pve-ha-manager
 * {@code src/PVE/API2/HA/Rules.pm} {@code $get_api_ha_rule}): {@code resources} and {@code nodes}
 * come encoded as text ({@code vm:100,vm:101}, {@code node1:2,node2}), {@code strict} is left out
 * when 0 (only truthy defaults are filled in), and a rule that fails the feasibility checks carries
 * {@code errors} and is not applied by the CRM.
 *
 * @param rule      the rule id
 * @param type      {@code node-affinity} or {@code resource-affinity}
 * @param resources the SIDs it binds
 * @param nodes     node-affinity: node → priority (0 when none is written; higher wins)
 * @param strict    node-affinity: the resources may run on no other node
 * @param affinity  resource-affinity: {@code positive} (together) or {@code negative} (apart)
 * @param disabled  the rule has a {@code disable} property (the CRM skips rules where it exists,
 *                  {@code Rules.pm foreach_rule exclude_disabled_rules})
 * @param errors    the feasibility errors Proxmox reports, as JSON text; absent when it is in use
 */
public record HaRuleConfig(String rule, String type, List<String> resources, Map<String, Integer> nodes,
                           boolean strict, Optional<String> affinity, boolean disabled, Optional<String> errors) {

    private static final String PATH = "/cluster/ha/rules";

    public HaRuleConfig {
        resources = List.copyOf(resources);
        nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    }

    /** Reads the whole answer; an entry without {@code rule} or {@code type} is a {@link ProxmoxException}. */
    public static List<HaRuleConfig> parseAll(String json) {
        return PveshJson.objects(json, PATH).stream().map(HaRuleConfig::of).toList();
    }

    /** Whether the CRM applies it: not disabled and without feasibility errors. */
    public boolean inUse() {
        return !disabled && errors.isEmpty();
    }

    /** {@code node1:2,node2} → {node1=2, node2=0}, as pve-ha-manager's {@code parse_node_priority} reads it. */
    static Map<String, Integer> nodePriorities(String encoded, String what) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String entry : encoded.split("[;,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split(":", 2);
            try {
                out.put(parts[0], parts.length == 2 ? Integer.parseInt(parts[1]) : 0);
            } catch (NumberFormatException e) {
                throw new ProxmoxException(what + ": node priority is not a number in '" + entry + "'");
            }
        }
        return out;
    }

    private static HaRuleConfig of(JsonNode e) {
        String rule = e.path("rule").asText("");
        String type = e.path("type").asText("");
        if (rule.isEmpty() || type.isEmpty()) {
            throw new ProxmoxException("pvesh get " + PATH + ": entry without 'rule' or 'type': " + e);
        }
        List<String> resources = Arrays.stream(e.path("resources").asText("").split("[;,\\s]+"))
                .filter(s -> !s.isEmpty()).toList();
        Map<String, Integer> nodes = e.hasNonNull("nodes")
                ? nodePriorities(e.get("nodes").asText(), "pvesh get " + PATH + " rule " + rule) : Map.of();
        return new HaRuleConfig(rule, type, resources, nodes, e.path("strict").asInt(0) == 1,
                Optional.ofNullable(e.get("affinity")).map(JsonNode::asText), e.has("disable"),
                Optional.ofNullable(e.get("errors")).filter(x -> !x.isNull()).map(JsonNode::toString));
    }
}
