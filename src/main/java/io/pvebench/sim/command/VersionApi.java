package io.pvebench.sim.command;

import io.pvebench.sim.model.VersionProfile;

/** {@code GET /version}: release, repoid and version of pve-manager. */
final class VersionApi implements ApiHandler {

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
