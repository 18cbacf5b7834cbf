package io.pvebench.measure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code ip -j link [show ...]} and {@code ip -j -d link [show ...]} (iproute2 6.1;
 * format from {@code outputs/ip/*.json}, captured in a user network namespace laid out like
 * a Proxmox VE node). A JSON array with one object per device: {@code ifname},
 * {@code mtu}, {@code flags}, {@code operstate}, {@code master} for a port; with {@code -d}
 * also {@code min_mtu}/{@code max_mtu} and {@code linkinfo} ({@code info_kind},
 * {@code info_data}, {@code info_slave_kind}, {@code info_slave_data}). A bond's mode is
 * {@code linkinfo.info_data.mode} as iproute2's {@code iplink_bond.c} prints it (the
 * kernel's mode names); no bond could be captured here (no bonding module in the
 * namespace's kernel). Unknown fields are ignored. Stateless and thread-safe.
 */
public final class IpLinkJson {

    private static final String TOOL = "ip -j link";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private IpLinkJson() {
    }

    /**
     * The devices in the order listed.
     *
     * @throws MalformedOutputException when the text is not a JSON array of objects, or an
     *                                  entry lacks {@code ifname} or a numeric {@code mtu};
     *                                  the message names the entry
     */
    public static List<IpLink> parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedOutputException(TOOL, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new MalformedOutputException(TOOL, "expected a JSON array of devices");
        }
        List<IpLink> links = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode e = root.get(i);
            if (!e.path("ifname").isTextual()) {
                throw new MalformedOutputException(TOOL, "[" + i + "].ifname is missing");
            }
            String where = "[" + i + "] (" + e.get("ifname").asText() + ")";
            if (!e.path("mtu").isInt()) {
                throw new MalformedOutputException(TOOL, where + ".mtu is missing or not a number");
            }
            List<String> flags = new ArrayList<>();
            e.path("flags").forEach(f -> flags.add(f.asText()));
            JsonNode info = e.path("linkinfo");
            String kind = info.path("info_kind").isTextual() ? info.get("info_kind").asText() : null;
            String mode = "bond".equals(kind) && info.path("info_data").path("mode").isTextual()
                    ? info.get("info_data").get("mode").asText() : null;
            links.add(new IpLink(e.get("ifname").asText(), e.get("mtu").asInt(), e.path("max_mtu").asInt(0),
                    e.path("master").isTextual() ? e.get("master").asText() : null,
                    e.path("operstate").asText(""), flags, kind, mode));
        }
        return links;
    }
}
