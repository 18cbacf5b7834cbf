package io.pvebench.stage;

import io.pvebench.proxmox.ClusterPort;
import io.pvebench.proxmox.ClusterResource;
import io.pvebench.proxmox.ProxmoxException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Removes a VM pvebench made: {@code qm stop} unless it is stopped, then {@code qm destroy
 * --purge}, on the node that holds it now (a migration may have moved it). The VM is
 * looked up first, so removing one that was never made, or is already gone, does nothing;
 * one that does not pass {@code ours} is never touched. Used by one stage at a time.
 */
final class VmRemoval {

    private VmRemoval() {
    }

    /** The VM with {@code vmid} in {@code /cluster/resources}, if any. */
    static Optional<ClusterResource> find(ClusterPort cluster, int vmid) {
        return cluster.resources().stream().filter(r -> r.isVm() && Integer.valueOf(vmid).equals(r.vmid()))
                .findFirst();
    }

    /**
     * Removes the VM {@code vmid} if it exists and is ours; tells the run what it removed.
     *
     * @return whether a VM was removed
     * @throws ProxmoxException when the VM exists but is not ours, or Proxmox refuses
     */
    static boolean removeIfPresent(RunContext run, String stage, int vmid, Predicate<ClusterResource> ours,
                                   String whose) {
        Optional<ClusterResource> found = find(run.cluster(), vmid);
        if (found.isEmpty()) {
            return false;
        }
        ClusterResource vm = found.get();
        if (!ours.test(vm)) {
            throw new ProxmoxException("vm " + vmid + " on " + vm.node() + " is not " + whose + " (name '" + vm.name()
                    + "', tags '" + (vm.tags() == null ? "" : vm.tags()) + "'): left alone");
        }
        remove(run, stage, vm);
        return true;
    }

    /** Stops (unless stopped) and destroys {@code vm}, telling the run. */
    static void remove(RunContext run, String stage, ClusterResource vm) {
        if (!"stopped".equals(vm.status())) {
            run.vms().stopVm(vm.node(), vm.vmid());
        }
        run.vms().destroyVm(vm.node(), vm.vmid());
        run.notice(stage, "destroyed vm " + vm.vmid() + " '" + vm.name() + "' on " + vm.node());
    }
}
