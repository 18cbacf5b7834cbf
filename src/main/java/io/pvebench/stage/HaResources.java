package io.pvebench.stage;

import io.pvebench.guest.GuestVm;
import io.pvebench.proxmox.SchedulerPort;

import java.util.List;
import java.util.Set;

/** Makes a case's VMs HA resources, each one that was not recorded first so teardown takes it out of HA again. */
final class HaResources {

    private HaResources() {
    }

    static void make(CaseContext kase, List<GuestVm> vms) {
        SchedulerPort scheduler = kase.run().scheduler();
        Set<Integer> already = scheduler.haVms();
        for (GuestVm vm : vms) {
            if (!already.contains(vm.vmid())) {
                kase.recordChange("vm " + vm.vmid() + " out of HA", () -> scheduler.removeHaVm(vm.vmid()));
                scheduler.addHaVm(vm.vmid());
            }
        }
    }
}
