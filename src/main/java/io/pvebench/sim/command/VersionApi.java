package io.pvebench.sim.command;

import io.pvebench.sim.model.VersionProfile;

/** {@code GET /version}: release, repoid and version of pve-manager. */
final class VersionApi implements ApiHandler {

    /** {@code PVE/API2.pm} {@code version}. */
    private static final ApiSchema SCHEMA = ApiSchema.object(java.util.List.of(ApiSchema.req("version", "string"),
            ApiSchema.req("release", "string"), ApiSchema.req("repoid", "string"), ApiSchema.opt("console", "string")));

    @Override
    public ApiSchema returns(ApiRequest request) {
        return SCHEMA;
    }

    @Override
    public Object get(ApiRequest request) {
        request.allowOnly();
        return version(request.invocation().model().profile());
    }

    private static JsonObject version(VersionProfile p) {
        return new JsonObject().put("release", p.release()).put("repoid", p.repoId())
                .put("version", p.managerVersion());
    }
}
