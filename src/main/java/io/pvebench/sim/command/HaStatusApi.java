package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.HaState;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /cluster/ha/status/current} and the text of {@code ha-manager status}
 * (pve-ha-manager {@code src/PVE/API2/HA/Status.pm}: 5.2.0 for 9.2, 4.0.7 for 8.4): a
 * {@code quorum} entry ({@code OK} or {@code No quorum on node '<n>'!}), the
 * {@code master} ({@code <node> (<active|old timestamp - dead?>, <localtime>)}), on 9.2 a
 * {@code fencing} entry ({@code armed (CRM watchdog active)} or {@code standby (CRM
 * watchdog standby)}), one {@code lrm} per node the CRM knows ({@code <node> (<active|
 * idle|old timestamp - dead?>[, watchdog active|standby], <localtime>)}), then one
 * {@code service} per resource ({@code <sid> (<node>, <state>)}). An LRM in maintenance
 * shows {@code maintenance mode}; while disarmed (9.2) the master line ends in {@code -
 * <disarming|disarmed>, resource mode: <m>}, the fencing line reads {@code <state>, resource
 * mode: <m> (CRM watchdog active|released)}, LRMs show {@code disarm mode} and {@code
 * watchdog released}, services {@code freeze} or {@code ignore}. Status older than 30 s
 * reads {@code old timestamp - dead?}. Times are Perl's {@code localtime} in the node's
 * zone (UTC).
 */
final class HaStatusApi implements ApiHandler {

    private static final DateTimeFormatter LOCALTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

    /**
     * {@code Status.pm} {@code status} on master (5.x) declares the items' properties;
     * {@code stable-4} (8.4) only {@code type => 'array'}, so pvesh prints each entry as
     * JSON in a headerless one-column table.
     */
    @Override
    public ApiSchema returns(ApiRequest request) {
        if (!request.invocation().model().profile().release().startsWith("9")) {
            return ApiSchema.untypedList();
        }
        return ApiSchema.list(List.of(ApiSchema.req("id", "string"), ApiSchema.req("node", "string"),
                ApiSchema.req("status", "string"), ApiSchema.req("type", "string"),
                ApiSchema.opt("quorate", "boolean"), ApiSchema.opt("timestamp", "integer"),
                ApiSchema.opt("crm_state", "string"), ApiSchema.opt("failback", "boolean"),
                ApiSchema.opt("max_relocate", "integer"), ApiSchema.opt("max_restart", "integer"),
                ApiSchema.opt("request_state", "string"), ApiSchema.opt("sid", "string"),
                ApiSchema.opt("state", "string"), ApiSchema.opt("armed-state", "string"),
                ApiSchema.opt("resource_mode", "string")));
    }

    @Override
    public Object get(ApiRequest request) {
        request.allowOnly();
        return entries(request.invocation().model(), request.invocation().node().name());
    }

    /** What {@code ha-manager status} prints: {@code <type> <status>} per entry. */
    static String statusText(ClusterModel model, String viewer) {
        StringBuilder out = new StringBuilder();
        for (JsonObject e : entries(model, viewer)) {
            String type = null;
            String status = null;
            for (var m : e.members()) {
                if (m.getKey().equals("type")) {
                    type = (String) m.getValue();
                } else if (m.getKey().equals("status")) {
                    status = (String) m.getValue();
                }
            }
            out.append(type).append(' ').append(status).append('\n');
        }
        return out.toString();
    }

    static List<JsonObject> entries(ClusterModel model, String viewer) {
        boolean fencingLine = model.profile().release().equals("9.2");
        Instant now = model.clock().now();
        boolean quorate = model.quorate(viewer);
        return model.ha(ha -> {
            List<JsonObject> res = new ArrayList<>();
            res.add(new JsonObject().put("id", "quorum").put("type", "quorum").put("node", viewer)
                    .put("status", quorate ? "OK" : "No quorum on node '" + viewer + "'!")
                    .put("quorate", quorate ? 1 : 0));
            boolean crmActive = false;
            if (ha.active()) {
                Instant t = model.haTimestamp(viewer, null);
                String state = timestampStatus(now, t);
                crmActive = state.equals("active");
                String disarm = ha.disarmMode() == null ? ""
                        : " - " + ha.disarmState() + ", resource mode: " + ha.disarmMode();
                String text = ha.master() + " (" + state + ", " + LOCALTIME.format(t) + ")" + disarm
                        + crsSuffix(model);
                res.add(new JsonObject().put("id", "master").put("type", "master").put("node", ha.master())
                        .put("status", text).put("timestamp", t.getEpochSecond()));
            }
            if (fencingLine && ha.disarmMode() != null) {
                String wd = "disarmed".equals(ha.disarmState()) ? "CRM watchdog released" : "CRM watchdog active";
                res.add(new JsonObject().put("id", "fencing").put("type", "fencing")
                        .put("node", ha.master() != null ? ha.master() : viewer)
                        .put("status", ha.disarmState() + ", resource mode: " + ha.disarmMode() + " (" + wd + ")")
                        .put("armed-state", ha.disarmState()).put("resource_mode", ha.disarmMode()));
            } else if (fencingLine) {
                String armed = crmActive ? "armed" : "standby";
                res.add(new JsonObject().put("id", "fencing").put("type", "fencing")
                        .put("node", ha.master() != null ? ha.master() : viewer)
                        .put("status", armed + " (CRM watchdog " + (crmActive ? "active" : "standby") + ")")
                        .put("armed-state", armed));
            }
            for (String node : ha.nodeStates().keySet()) {
                Instant t = model.haTimestamp(viewer, node);
                String state = timestampStatus(now, t);
                boolean hasServices = ha.resources().values().stream()
                        .anyMatch(r -> node.equals(model.nodeOf(r.vmid())) && !ha.crmState(r).equals("stopped"));
                String watchdog = "watchdog standby";
                boolean maintenanceMode = ha.lrmMaintenance().contains(node);
                if (ha.lrmDisarm().contains(node)) {
                    boolean holding = state.equals("active") && !ha.lrmReleased().contains(node) && hasServices;
                    watchdog = holding ? "watchdog active" : "watchdog released";
                    state = "disarm mode";
                } else if (maintenanceMode) {
                    // Status.pm: a fresh LRM status in mode maintenance reads "maintenance mode"; the
                    // watchdog counts as active while the LRM is in state maintenance
                    if (state.equals("active") && ha.lrmInMaintenanceState().contains(node)) {
                        watchdog = "watchdog active";
                    }
                    state = "maintenance mode";
                } else if (state.equals("active")) {
                    if (hasServices) {
                        watchdog = "watchdog active";
                    } else {
                        state = "idle";
                    }
                }
                String text = node + " (" + state + (fencingLine ? ", " + watchdog : "") + ", " + LOCALTIME.format(t)
                        + ")";
                res.add(new JsonObject().put("id", "lrm:" + node).put("type", "lrm").put("node", node)
                        .put("status", text).put("timestamp", t.getEpochSecond()));
            }
            for (HaState.Resource r : ha.resources().values()) {
                // the CRM keeps a migrating service on its source until it settles the LRM's result
                HaState.Motion motion = ha.motions().get(r.sid());
                String node = motion != null && motion.phase() != HaState.Phase.QUEUED ? motion.source()
                        : model.nodeOf(r.vmid());
                String state = ha.verboseState(r);
                JsonObject o = new JsonObject().put("id", "service:" + r.sid()).put("type", "service")
                        .put("sid", r.sid()).put("node", node).put("crm_state", ha.crmState(r)).put("state", state)
                        .put("status", r.sid() + " (" + node + ", " + state + ")")
                        .put("request_state", r.state() == null ? "started" : r.state());
                HaResourcesApi.properties(r).forEach((k, v) -> {
                    if (!k.equals("state")) {
                        o.put(k, k.startsWith("max_") ? (Object) Integer.valueOf(v) : v);
                    }
                });
                res.add(o);
            }
            return res;
        });
    }

    /** Status.pm's {@code $timestamp_to_status}. */
    private static String timestampStatus(Instant now, Instant t) {
        long diff = Duration.between(t, now).toSeconds();
        if (diff > 30) {
            return "old timestamp - dead?";
        }
        return diff < -2 ? "detected time drift!" : "active";
    }

    /** {@code - <mode> load CRS} for a non-basic scheduler mode in datacenter.cfg. */
    private static String crsSuffix(ClusterModel model) {
        String crs = model.datacenterOptions().get("crs");
        if (crs == null) {
            return "";
        }
        for (String part : crs.split(",")) {
            String mode = part.startsWith("ha=") ? part.substring(3) : null;
            if (mode != null && !mode.equals("basic")) {
                return " - " + mode + " load CRS";
            }
        }
        return "";
    }
}
