package io.pvebench.sim.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host side of one simulated node that faults act on: the cluster services
 * ({@code corosync pve-cluster pve-ha-lrm pve-ha-crm}) and their pids, the network
 * devices ({@link HostNetwork}: {@code eno1}, or a bond of NICs, under the bridge
 * {@code vmbr0}, which carries the node's {@code 10.0.99.x} address; the VMs' devices)
 * and the iptables rules in {@code iptables -S} form. Every service runs after boot.
 *
 * <p>Not thread-safe on its own: {@link ClusterModel} guards it.
 */
public final class Host {

    /** The services whose state the twin models, in the order {@code systemctl} lists them. */
    public static final List<String> SERVICES = List.of("corosync", "pve-cluster", "pve-ha-crm", "pve-ha-lrm");
    /** The (first) physical port and the bridge that carry the cluster network. */
    public static final String PORT = "eno1";
    public static final String BRIDGE = HostNetwork.BRIDGE;

    private final Map<String, Integer> pids = new LinkedHashMap<>();
    private HostNetwork network = new HostNetwork(1, "none", 1500);
    private final List<String> rules = new ArrayList<>();
    private int nextPid;

    Host(int firstPid) {
        this.nextPid = firstPid;
        boot();
    }

    /** After a (re)boot: every service runs with a fresh pid, links up, no firewall rules. */
    void boot() {
        pids.clear();
        for (String service : SERVICES) {
            pids.put(service, nextPid());
        }
        network.boot();
        rules.clear();
    }

    private int nextPid() {
        nextPid += 3 + (nextPid % 7);
        return nextPid;
    }

    public boolean running(String service) {
        return pids.get(service) != null;
    }

    /** The pid of a running service, or 0. */
    public int pid(String service) {
        Integer pid = pids.get(service);
        return pid == null ? 0 : pid;
    }

    void stop(String service) {
        pids.put(service, null);
    }

    void start(String service) {
        if (pids.get(service) == null) {
            pids.put(service, nextPid());
        }
    }

    public HostNetwork network() {
        return network;
    }

    /** Replaces the network devices with a freshly booted set of this hardware (before use). */
    void configureNetwork(int nics, String bondMode, int mtu) {
        network = new HostNetwork(nics, bondMode, mtu);
    }

    public boolean linkUp(String iface) {
        return network.link(iface).map(HostNetwork.Link::up).orElse(false);
    }

    void setLink(String iface, boolean up) {
        network.setUp(iface, up);
    }

    /** True while the node's cluster network carries traffic (the bridge up, its NIC or bond with carrier). */
    public boolean clusterLinkUp() {
        return network.clusterLinkUp();
    }

    public List<String> rules() {
        return List.copyOf(rules);
    }

    void setRules(List<String> newRules) {
        rules.clear();
        rules.addAll(newRules);
    }

    /**
     * True when a rule drops or rejects corosync's traffic: a rule in INPUT or OUTPUT with
     * target DROP or REJECT whose udp destination port range covers knet's port 5405, or
     * that matches every packet.
     */
    public boolean corosyncBlocked() {
        for (String rule : rules) {
            List<String> w = List.of(rule.split(" "));
            if (w.size() < 2 || !(w.get(1).equals("INPUT") || w.get(1).equals("OUTPUT"))) {
                continue;
            }
            int j = w.indexOf("-j");
            if (j < 0 || j + 1 >= w.size() || !(w.get(j + 1).equals("DROP") || w.get(j + 1).equals("REJECT"))) {
                continue;
            }
            int p = w.indexOf("-p");
            if (p < 0) {
                return true;
            }
            if (!w.get(p + 1).equals("udp") && !w.get(p + 1).equals("all")) {
                continue;
            }
            int d = w.indexOf("--dport");
            if (d < 0) {
                return true;
            }
            String[] range = w.get(d + 1).split(":");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            if (from <= 5405 && 5405 <= to) {
                return true;
            }
        }
        return false;
    }
}
