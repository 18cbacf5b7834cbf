package io.pvebench.guest;

import java.util.Objects;

/**
 * The network interface inside a guest that carries its address, as its guest agent names it.
 *
 * @param name    the interface name in the guest ({@code eth0}, {@code ens18})
 * @param address its first IPv4 address
 * @param mac     its hardware address, upper case (as Proxmox writes it in the VM's config)
 */
public record GuestNic(String name, String address, String mac) {

    public GuestNic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }
}
