package io.pvebench.stage;

import io.pvebench.measure.IpLink;
import io.pvebench.proxmox.BondStatus;
import io.pvebench.proxmox.ClusterPort;
import io.pvebench.proxmox.NodeFingerprint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads each node's fingerprint for preflight ({@code pveversion -v}, {@code uname -r},
 * {@code ip -j -d link}, {@code /proc/net/bonding/<bond>} of each bond it lists,
 * {@code corosync-cfgtool -s}, {@code pvesm status}, through the cluster port,
 * so the recording shell files every raw output under {@code raw/run/}), writes them to
 * {@code fingerprint.json} and gives the flat facts for the run's environment, which
 * {@code pvebench compare} lists beside the metrics. A command a node does not answer, or answers in
 * a shape that cannot be read, makes that one fact {@code unknown} with a warning: the fingerprint
 * describes the run, it never stops it.
 */
final class NodeFingerprints {

    /** The run folder file that holds every node's fingerprint. */
    static final String FILE = "fingerprint.json";

    private NodeFingerprints() {
    }

    /** Reads every node, writes {@link #FILE} and returns the environment facts. */
    static Map<String, String> read(RunContext run) {
        List<NodeFingerprint> nodes = new ArrayList<>();
        for (String node : run.cluster().nodes()) {
            run.checkNotStopped();
            nodes.add(read(run, run.cluster(), node));
        }
        run.folder().writeJson(FILE, nodes);
        return NodeFingerprint.environment(nodes);
    }

    private static NodeFingerprint read(RunContext run, ClusterPort cluster, String node) {
        Map<String, String> unknown = new LinkedHashMap<>();
        Map<String, String> packages = fact(run, node, NodeFingerprint.PACKAGES, "pveversion -v", cluster::packages,
                unknown);
        String kernel = fact(run, node, NodeFingerprint.KERNEL, "uname -r", cluster::kernel, unknown);
        List<IpLink> links = fact(run, node, NodeFingerprint.LINKS, "ip -j -d link", cluster::links, unknown);
        Map<String, BondStatus> bonds = new LinkedHashMap<>();
        for (IpLink bond : links == null ? List.<IpLink>of() : links) {
            if (bond.isBond()) {
                BondStatus status = fact(run, node, "bond." + bond.name(), "cat /proc/net/bonding/" + bond.name(),
                        n -> cluster.bond(n, bond.name()), unknown);
                if (status != null) {
                    bonds.put(bond.name(), status);
                }
            }
        }
        return new NodeFingerprint(node, packages, kernel, links, bonds,
                fact(run, node, NodeFingerprint.COROSYNC, "corosync-cfgtool -s", cluster::corosync, unknown),
                fact(run, node, NodeFingerprint.STORAGE, "pvesm status", cluster::storages, unknown),
                unknown);
    }

    /** One fact, or null with the reason in {@code unknown} and a warning, whatever went wrong but a stop. */
    private static <T> T fact(RunContext run, String node, String name, String command, Function<String, T> read,
                              Map<String, String> unknown) {
        try {
            return read.apply(node);
        } catch (RunStoppedException e) {
            throw e;
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            unknown.put(name, reason);
            run.warn("preflight", "node " + node + " did not tell its " + name + " ('" + command + "'): " + reason
                    + "; recorded as unknown");
            return null;
        }
    }
}
