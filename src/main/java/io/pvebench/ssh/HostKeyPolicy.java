package io.pvebench.ssh;

/**
 * What to do with a host whose key is not in the known_hosts file.
 *
 * <p>Under every policy a host whose key differs from the recorded one is refused: a
 * changed key is either a reinstalled host or a man-in-the-middle, and only a person
 * can tell which.
 */
public enum HostKeyPolicy {

    /** Refuse hosts that are not in the known_hosts file (the default, like OpenSSH's {@code yes}). */
    STRICT,

    /** Trust a host on first use and append its key to the known_hosts file (OpenSSH's {@code accept-new}). */
    ACCEPT_NEW
}
