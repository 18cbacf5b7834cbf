package io.pvebench.measure;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;

/**
 * One network device as {@code ip -j [-d] link} reports it.
 *
 * @param name      {@code ifname}
 * @param mtu       bytes
 * @param maxMtu    {@code max_mtu} (only with {@code -d}); 0 when not reported
 * @param master    the bridge or bond it is a port of, or null
 * @param operState {@code operstate}: {@code UP}, {@code DOWN}, {@code UNKNOWN}, ...
 * @param flags     {@code flags}: {@code UP}, {@code LOWER_UP}, {@code SLAVE}, ...
 * @param kind      {@code linkinfo.info_kind} (only with {@code -d}): {@code bridge}, {@code bond},
 *                  {@code veth}, {@code tun}, ...; null for a physical NIC or without {@code -d}
 * @param bondMode  {@code linkinfo.info_data.mode} of a bond ({@code 802.3ad}), else null
 */
public record IpLink(String name, int mtu, int maxMtu, String master, String operState, List<String> flags,
                     String kind, String bondMode) {

    public IpLink {
        Objects.requireNonNull(name, "name");
        flags = List.copyOf(flags);
    }

    /** Administratively up (the {@code UP} flag). */
    public boolean up() {
        return flags.contains("UP");
    }

    @JsonIgnore // derived from kind: a run folder's JSON keeps what ip printed, once
    public boolean isBridge() {
        return "bridge".equals(kind);
    }

    @JsonIgnore
    public boolean isBond() {
        return "bond".equals(kind);
    }
}
