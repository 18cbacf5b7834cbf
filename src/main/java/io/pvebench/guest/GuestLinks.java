package io.pvebench.guest;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A guest's network interface as {@code ip link} shows and changes it, run through the
 * guest port (iproute2 in the guest). Returns raw outputs; the caller parses them
 * ({@code measure.IpLinkJson}). An MTU set this way lasts until the guest reboots.
 */
public final class GuestLinks {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private final GuestPort guests;

    public GuestLinks(GuestPort guests) {
        this.guests = guests;
    }

    /** {@code ip -j link show dev NIC}. */
    public GuestResult show(GuestVm vm, String nic) {
        return guests.exec(vm, List.of("ip", "-j", "link", "show", "dev", name(nic)), TIMEOUT);
    }

    /** {@code ip link set dev NIC mtu MTU}; {@code mtu} 68..65535. */
    public GuestResult setMtu(GuestVm vm, String nic, int mtu) {
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("mtu must be 68..65535: " + mtu);
        }
        return guests.exec(vm, List.of("ip", "link", "set", "dev", name(nic), "mtu", String.valueOf(mtu)), TIMEOUT);
    }

    private static String name(String nic) {
        if (nic == null || !NAME.matcher(nic).matches()) {
            throw new IllegalArgumentException("not a network interface name: " + nic);
        }
        return nic;
    }
}
