package io.pvebench.guest;

import java.util.Objects;

/**
 * The network interface inside a guest that carries its address, as its guest agent names it.
 *
 * @param name    the interface name in the guest ({@code eth0}, {@code ens18})
 * @param address its first IPv4 address
 */
public record GuestNic(String name, String address) {

    public GuestNic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }
}
