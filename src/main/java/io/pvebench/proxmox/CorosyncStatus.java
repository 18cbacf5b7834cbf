package io.pvebench.proxmox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node's corosync links as {@code corosync-cfgtool -s} (corosync 3.x) prints them:
 * {@code Local node ID 1, transport knet}, then per link {@code LINK ID 0 udp}, its local
 * {@code addr = 10.0.0.1} and each node's state ({@code localhost}, {@code connected},
 * {@code disconnected}, ...). Real outputs under {@code outputs/proxmox/corosync-cfgtool/}: one with
 * cfgtool's tabs, one whose publisher turned them into spaces, so any whitespace is taken.
 *
 * @param localNodeId the node's corosync node id
 * @param transport   {@code knet}, {@code udpu}, ...
 * @param links       in the order listed
 */
public record CorosyncStatus(int localNodeId, String transport, List<Link> links) {

    /**
     * @param id       the link number ({@code linknumber} in corosync.conf, {@code ringX_addr})
     * @param protocol {@code udp}, {@code sctp}; empty when not printed (older cfgtool)
     * @param address  this node's address on the link
     * @param peers    node id to its state as seen on this link, in the order listed
     */
    public record Link(int id, String protocol, String address, Map<Integer, String> peers) {
        public Link {
            Objects.requireNonNull(address, "address");
            peers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(peers));
        }
    }

    private static final Pattern LOCAL = Pattern.compile("Local node ID (\\d+)(?:, transport (\\S+))?");
    private static final Pattern LINK = Pattern.compile("LINK ID (\\d+)(?:\\s+(\\S+))?");
    private static final Pattern ADDR = Pattern.compile("addr\\s*=\\s*(\\S+)");
    private static final Pattern PEER = Pattern.compile("nodeid:?\\s+(\\d+):\\s+(.+)");

    public CorosyncStatus {
        Objects.requireNonNull(transport, "transport");
        links = List.copyOf(links);
    }

    /** @throws ProxmoxException when there is no {@code Local node ID} line or a link without its address */
    public static CorosyncStatus parse(String output) {
        Integer nodeId = null;
        String transport = "";
        List<Link> links = new ArrayList<>();
        Integer linkId = null;
        String protocol = "";
        String address = null;
        Map<Integer, String> peers = new LinkedHashMap<>();
        for (String raw : output.split("\n")) {
            String line = raw.strip();
            Matcher m;
            if ((m = LOCAL.matcher(line)).matches()) {
                nodeId = Integer.parseInt(m.group(1));
                transport = m.group(2) == null ? "" : m.group(2);
            } else if ((m = LINK.matcher(line)).matches()) {
                if (linkId != null) {
                    links.add(link(linkId, protocol, address, peers));
                }
                linkId = Integer.parseInt(m.group(1));
                protocol = m.group(2) == null ? "" : m.group(2);
                address = null;
                peers = new LinkedHashMap<>();
            } else if (linkId != null && (m = ADDR.matcher(line)).matches()) {
                address = m.group(1);
            } else if (linkId != null && (m = PEER.matcher(line)).matches()) {
                peers.put(Integer.parseInt(m.group(1)), m.group(2).strip());
            }
        }
        if (linkId != null) {
            links.add(link(linkId, protocol, address, peers));
        }
        if (nodeId == null) {
            throw new ProxmoxException("corosync-cfgtool -s: no 'Local node ID N' line in: " + output.strip());
        }
        return new CorosyncStatus(nodeId, transport, links);
    }

    private static Link link(int id, String protocol, String address, Map<Integer, String> peers) {
        if (address == null) {
            throw new ProxmoxException("corosync-cfgtool -s: LINK ID " + id + " has no 'addr = ...' line");
        }
        return new Link(id, protocol, address, peers);
    }
}
