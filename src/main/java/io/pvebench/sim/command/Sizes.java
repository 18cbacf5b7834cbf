package io.pvebench.sim.command;

import java.util.Locale;

/** Byte counts as Proxmox renders them (pve-common {@code PVE/Format.pm} {@code render_bytes}, precision 1). */
final class Sizes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Sizes() {
    }

    /** {@code 0.0 B}, {@code 1014.6 MiB}, {@code 32.0 GiB}. */
    static String bytes(long value) {
        double v = value;
        int unit = 0;
        if (value > 1023) {
            unit = (int) (Math.log(value) / Math.log(1024));
            v = value / Math.pow(1024, unit);
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }
}
