package io.pvebench.sim.command;

import java.util.Map;
import java.util.Optional;

/**
 * One {@code pvesh} call as an API handler sees it.
 *
 * @param method     {@code get}, {@code set}, {@code create} or {@code delete}
 * @param path       the API path without trailing slash ({@code /nodes/pve1/tasks})
 * @param pathVars   the placeholders the route matched ({@code node -> pve1})
 * @param params     the {@code --name value} options, in order, without {@code --output-format}
 * @param invocation the command's node and model
 */
record ApiRequest(String method, String path, Map<String, String> pathVars, Map<String, String> params,
                  Invocation invocation) {

    String var(String name) {
        return pathVars.get(name);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** Rejects any option the endpoint's schema does not define, with pve-common's words. */
    ApiRequest allowOnly(String... names) {
        for (String given : params.keySet()) {
            if (!java.util.Arrays.asList(names).contains(given)) {
                throw ApiError.parameter(given,
                        "property is not defined in schema and the schema does not allow additional properties");
            }
        }
        return this;
    }
}
