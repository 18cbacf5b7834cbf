package io.pvebench.sim.command;

import io.pvebench.sim.model.HaState;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /cluster/ha/resources [--type vm|ct]} (pve-ha-manager
 * {@code src/PVE/API2/HA/Resources.pm}, {@code index}): one object per configured
 * resource with {@code sid}, {@code type}, {@code digest} (SHA-1 of {@code resources.cfg})
 * and the properties set; {@code group} is left out once groups are migrated (9.x).
 */
final class HaResourcesApi implements ApiHandler {

    /** {@code Resources.pm} {@code index} declares only {@code sid}: the text table has that one column. */
    private static final ApiSchema SCHEMA = ApiSchema.list(List.of(ApiSchema.req("sid", "string")));

    @Override
    public ApiSchema returns(ApiRequest request) {
        return SCHEMA;
    }

    @Override
    public Object get(ApiRequest request) {
        request.allowOnly("type");
        String type = request.param("type").orElse(null);
        if (type != null && !List.of("ct", "vm").contains(type)) {
            throw ApiError.parameter("type", "value '" + type + "' does not have a value in the enumeration 'ct, vm'");
        }
        boolean migrated = request.invocation().model().profile().release().startsWith("9");
        return request.invocation().model().ha(ha -> {
            String digest = digest(ha);
            List<JsonObject> result = new ArrayList<>();
            for (HaState.Resource r : ha.resources().values()) {
                String rtype = r.sid().substring(0, r.sid().indexOf(':'));
                if (type != null && !type.equals(rtype)) {
                    continue;
                }
                JsonObject o = new JsonObject().put("sid", r.sid()).put("type", rtype).put("digest", digest);
                for (Map.Entry<String, String> e : properties(r).entrySet()) {
                    if (migrated && e.getKey().equals("group")) {
                        continue;
                    }
                    o.put(e.getKey(), e.getKey().startsWith("max_") ? (Object) Integer.valueOf(e.getValue())
                            : e.getValue());
                }
                result.add(o);
            }
            return result;
        });
    }

    /** The properties a resource has set, sorted by name (as {@code ha-manager config} prints them). */
    static Map<String, String> properties(HaState.Resource r) {
        Map<String, String> p = new TreeMap<>();
        if (r.comment() != null) {
            p.put("comment", r.comment());
        }
        if (r.group() != null) {
            p.put("group", r.group());
        }
        if (r.maxRelocate() != null) {
            p.put("max_relocate", r.maxRelocate().toString());
        }
        if (r.maxRestart() != null) {
            p.put("max_restart", r.maxRestart().toString());
        }
        if (r.state() != null) {
            p.put("state", r.state());
        }
        return p;
    }

    /** SHA-1 of the section-config text of {@code resources.cfg}. */
    static String digest(HaState ha) {
        StringBuilder cfg = new StringBuilder();
        for (HaState.Resource r : ha.resources().values()) {
            cfg.append(r.sid().replace(":", ": ")).append('\n');
            properties(r).forEach((k, v) -> cfg.append('\t').append(k).append(' ').append(v).append('\n'));
            cfg.append('\n');
        }
        try {
            byte[] sha = MessageDigest.getInstance("SHA-1").digest(cfg.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
