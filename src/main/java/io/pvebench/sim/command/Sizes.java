package io.pvebench.sim.command;

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
        return fixed(v, 1) + " " + UNITS[unit];
    }

    /**
     * {@code sprintf("%.<decimals>f")} as C and Perl print it: the exact binary value rounded
     * half to even ({@code 0.25} gives {@code 0.2}, where Java's {@code String.format} gives
     * {@code 0.3}).
     */
    static String fixed(double value, int decimals) {
        return new java.math.BigDecimal(value).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
