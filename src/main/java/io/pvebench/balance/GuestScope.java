package io.pvebench.balance;

/** Which guests the threshold policy may move. */
public enum GuestScope {
    /** Only HA resources, like the native CRS. */
    HA_ONLY,
    /** Every running guest, like ProxLB. */
    ALL;

    boolean admits(GuestLoad guest) {
        return this == ALL || guest.haManaged();
    }
}
