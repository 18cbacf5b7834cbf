package io.pvebench.sim.command;

import java.util.List;

/**
 * {@code GET /cluster/ha/rules [--type node-affinity|resource-affinity]} (pve-ha-manager 5.x
 * {@code src/PVE/API2/HA/Rules.pm}, {@code index}): every rule with its properties and its
 * {@code order} in {@code rules.cfg}. PVE 8 has no rules: the path does not exist there.
 */
final class HaRulesApi implements ApiHandler {

    @Override
    public Object get(ApiRequest request) {
        request.allowOnly("type");
        if (!request.invocation().model().profile().release().startsWith("9")) {
            throw ApiError.noHandler("get", request.path());
        }
        String type = request.param("type").orElse(null);
        if (type != null && !List.of("node-affinity", "resource-affinity").contains(type)) {
            throw ApiError.parameter("type",
                    "value '" + type + "' does not have a value in the enumeration 'node-affinity, resource-affinity'");
        }
        return request.invocation().model().ha(ha -> HaRules.rows(ha, type, false));
    }
}
