package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;

/**
 * {@code GET /cluster/nextid [--vmid N]}, after pve-manager 9.2.11 {@code PVE/API2/Cluster.pm}
 * {@code nextid}: the lowest VM id from 100 up that no guest of the cluster uses (the
 * cluster-wide VM list, whichever node holds the config, online or not); with
 * {@code --vmid} that id if it is free, else {@code vmid: VM <id> already exists}. The id
 * is not reserved: two callers asking at once get the same answer, and the second
 * {@code qm clone} to it fails. {@code datacenter.cfg}'s {@code next-id} range is not
 * simulated (always 100..999999).
 */
final class NextIdApi implements ApiHandler {

    private static final int LOWER = 100;
    private static final int UPPER = 1_000_000;

    @Override
    public Object get(ApiRequest request) {
        request.allowOnly("vmid");
        ClusterModel model = request.invocation().model();
        if (request.param("vmid").isPresent()) {
            String text = request.param("vmid").get();
            if (!text.matches("[0-9]+")) {
                throw ApiError.parameter("vmid", "type check ('integer') failed - got '" + text + "'");
            }
            long vmid = Long.parseLong(text);
            if (vmid < 100 || vmid > 999_999_999) {
                throw ApiError.parameter("vmid", "invalid format - value does not look like a valid VM ID");
            }
            if (model.vm((int) vmid).isPresent()) {
                throw ApiError.parameter("vmid", "VM " + vmid + " already exists");
            }
            return (int) vmid;
        }
        for (int id = LOWER; id < UPPER; id++) {
            if (model.vm(id).isEmpty()) {
                return id;
            }
        }
        throw new ApiError("unable to get any free VMID in range [" + LOWER + ", " + UPPER + "]");
    }
}
