package io.pvebench.guest;

/**
 * A VM as the guest port reaches it.
 *
 * @param vmid Proxmox VM id
 * @param node the node it currently runs on (where {@code qm guest exec} must be run)
 */
public record GuestVm(int vmid, String node) {

    @Override
    public String toString() {
        return "vm " + vmid + " on " + node;
    }
}
