package io.pvebench.proxmox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One bond as the Linux bonding driver describes it in {@code /proc/net/bonding/<bond>}
 * ({@code drivers/net/bonding/bond_procfs.c}): its mode, transmit hash policy (xor, 802.3ad, tlb),
 * MII polling interval, LACP rate (802.3ad), and per slave its MII status and speed. Real outputs
 * under {@code outputs/proc/bonding/} (an 802.3ad bond of two 10 GbE NICs, an active-backup bond on
 * kernel 6.8); lines not listed here ({@code Permanent HW addr}, the LACP PDU details) are ignored.
 *
 * @param mode       the mode as {@code ip link} and {@code /etc/network/interfaces} write it
 *                   ({@code 802.3ad}, {@code active-backup}, ...), or the driver's own words if unknown
 * @param hashPolicy {@code layer2}, {@code layer3+4}, ...; null when the mode has none
 * @param lacpRate   {@code slow} or {@code fast}; null outside 802.3ad
 * @param miimonMs   MII polling interval in milliseconds; null when not printed
 * @param slaves     in the order listed
 */
public record BondStatus(String mode, String hashPolicy, String lacpRate, Integer miimonMs, List<Slave> slaves) {

    /**
     * @param name      the slave's interface name
     * @param miiStatus {@code up}, {@code down}, ...
     * @param speed     as printed: {@code 10000 Mbps}, {@code Unknown}; null when not printed
     */
    public record Slave(String name, String miiStatus, String speed) {
        public Slave {
            Objects.requireNonNull(name, "name");
        }
    }

    /** The driver's mode names ({@code bond_mode_name} in {@code bond_main.c}) to the ones users write. */
    private static final Map<String, String> MODES = Map.of(
            "load balancing (round-robin)", "balance-rr",
            "fault-tolerance (active-backup)", "active-backup",
            "load balancing (xor)", "balance-xor",
            "fault-tolerance (broadcast)", "broadcast",
            "IEEE 802.3ad Dynamic link aggregation", "802.3ad",
            "transmit load balancing", "balance-tlb",
            "adaptive load balancing", "balance-alb");

    public BondStatus {
        Objects.requireNonNull(mode, "mode");
        slaves = List.copyOf(slaves);
    }

    /** The driver's mode name for a mode as users write it ({@code 802.3ad}); the inverse of parsing. */
    public static String driverModeName(String mode) {
        return MODES.entrySet().stream().filter(e -> e.getValue().equals(mode)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a bonding mode: " + mode));
    }

    /** @throws ProxmoxException without a {@code Bonding Mode:} line */
    public static BondStatus parse(String text) {
        String mode = null;
        String hash = null;
        String lacp = null;
        Integer miimon = null;
        List<Slave> slaves = new ArrayList<>();
        String slave = null;
        String mii = null;
        String speed = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            int colon = line.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 2).strip();
            if (key.equals("Slave Interface")) {
                if (slave != null) {
                    slaves.add(new Slave(slave, mii, speed));
                }
                slave = value;
                mii = null;
                speed = null;
            } else if (slave == null) {
                switch (key) {
                    case "Bonding Mode" -> mode = MODES.getOrDefault(value, value);
                    case "Transmit Hash Policy" -> hash = value.replaceFirst(" \\(\\d+\\)$", "");
                    case "LACP rate" -> lacp = value;
                    case "MII Polling Interval (ms)" -> miimon = value.matches("\\d+") ? Integer.valueOf(value) : null;
                    default -> { }
                }
            } else if (key.equals("MII Status") && mii == null) {
                mii = value;
            } else if (key.equals("Speed")) {
                speed = value;
            }
        }
        if (slave != null) {
            slaves.add(new Slave(slave, mii, speed));
        }
        if (mode == null) {
            throw new ProxmoxException("/proc/net/bonding: no 'Bonding Mode:' line in: " + text.strip());
        }
        return new BondStatus(mode, hash, lacp, miimon, slaves);
    }
}
