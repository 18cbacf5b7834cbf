package io.pvebench.sim.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Proxmox task id: {@code UPID:<node>:<pid>:<pstart>:<starttime>:<type>:<id>:<user>:}, pid,
 * pstart and starttime as upper-case hex of at least 8 digits (pve-common
 * {@code src/PVE/UPID.pm}, {@code encode}/{@code decode}; pstart may grow to 9 digits).
 * {@code pstart} is the worker's start in clock ticks since boot, {@code starttime} epoch
 * seconds; {@code id} may be empty.
 */
public record Upid(String node, long pid, long pstart, long starttime, String type, String id, String user) {

    // the decode regex of UPID.pm
    private static final Pattern FORMAT = Pattern.compile(
            "^UPID:([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):"
                    + "([^:\\s/]+):([^:\\s/]*):([^:\\s/]+):$");

    public Upid {
        id = id == null ? "" : id;
    }

    /** Parses a UPID as {@code PVE::UPID::decode} does; empty when it does not match. */
    public static Optional<Upid> parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Upid(m.group(1), Long.parseLong(m.group(3), 16), Long.parseLong(m.group(4), 16),
                Long.parseLong(m.group(5), 16), m.group(6), m.group(7), m.group(8)));
    }

    /** The UPID text ({@code sprintf("UPID:%s:%08X:%08X:%08X:%s:%s:%s:", ...)}). */
    public String text() {
        return String.format("UPID:%s:%08X:%08X:%08X:%s:%s:%s:", node, pid, pstart, starttime, type, id, user);
    }

    @Override
    public String toString() {
        return text();
    }
}
