package io.pvebench.sim;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What twin to start: cluster name, version profile ({@code "9.2"} or {@code "8.4"}),
 * number of nodes (named {@code pve1..pveN}), the seed of every random draw, the time
 * scale (model seconds per wall second), the VMs, who may log in, the cluster options
 * ({@link SimClusterOptions}: QDevice, boot time after a reset, HA resources) and the
 * nodes' hardware ({@link SimHardware}: NIC speed, MTU, bond, guest storage; defaults to
 * 10 Gbit/s, MTU 1500, no bond, local-lvm).
 *
 * <p>{@code password} may be null (password authentication disabled); at least one of
 * password and authorized keys must be given.
 */
public record SimSpec(String clusterName, String pveVersion, int nodes, long seed, double timeScale,
                      List<SimVmSpec> vms, String loginUser, String password,
                      List<PublicKey> authorizedKeys, SimClusterOptions options, SimHardware hardware) {

    public SimSpec {
        options = options == null ? SimClusterOptions.defaults() : options;
        hardware = hardware == null ? SimHardware.DEFAULT : hardware;
        Objects.requireNonNull(clusterName, "clusterName");
        pveVersion = pveVersion == null ? "9.2" : pveVersion;
        if (!pveVersion.equals("9.2") && !pveVersion.equals("8.4")) {
            throw new IllegalArgumentException("pveVersion must be 9.2 or 8.4: " + pveVersion);
        }
        if (nodes < 1 || nodes > 32) {
            throw new IllegalArgumentException("nodes must be 1..32: " + nodes);
        }
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be > 0: " + timeScale);
        }
        vms = List.copyOf(vms == null ? List.of() : vms);
        Objects.requireNonNull(loginUser, "loginUser");
        authorizedKeys = List.copyOf(authorizedKeys == null ? List.of() : authorizedKeys);
        if (password == null && authorizedKeys.isEmpty()) {
            throw new IllegalArgumentException("give a password or at least one authorized key");
        }
        int count = nodes;
        for (SimVmSpec vm : vms) {
            int index = nodeIndex(vm.node());
            if (index < 1 || index > count) {
                throw new IllegalArgumentException("VM " + vm.vmid() + " on unknown node " + vm.node());
            }
        }
        if (vms.stream().map(SimVmSpec::vmid).distinct().count() != vms.size()) {
            throw new IllegalArgumentException("duplicate vmid in " + vms);
        }
        for (String sid : options.haResources()) {
            int vmid = Integer.parseInt(sid.substring(3));
            if (vms.stream().noneMatch(v -> v.vmid() == vmid)) {
                throw new IllegalArgumentException("HA resource " + sid + " names no VM of the spec");
            }
        }
    }

    /** A spec with {@link SimClusterOptions#defaults()} and {@link SimHardware#DEFAULT}. */
    public SimSpec(String clusterName, String pveVersion, int nodes, long seed, double timeScale, List<SimVmSpec> vms,
                   String loginUser, String password, List<PublicKey> authorizedKeys) {
        this(clusterName, pveVersion, nodes, seed, timeScale, vms, loginUser, password, authorizedKeys, null, null);
    }

    public SimSpec withOptions(SimClusterOptions newOptions) {
        return new SimSpec(clusterName, pveVersion, nodes, seed, timeScale, vms, loginUser, password, authorizedKeys,
                newOptions, hardware);
    }

    /** The same spec on other node hardware (NIC speed, MTU, bond, guest storage). */
    public SimSpec withHardware(SimHardware newHardware) {
        return new SimSpec(clusterName, pveVersion, nodes, seed, timeScale, vms, loginUser, password, authorizedKeys,
                options, newHardware);
    }

    /** With or without a QDevice. */
    public SimSpec withQdevice(boolean qdevice) {
        return withOptions(new SimClusterOptions(qdevice, options.bootTime(), options.haResources()));
    }

    /** Model time a reset node needs to come back; null: it stays down. */
    public SimSpec withBootTime(java.time.Duration bootTime) {
        return withOptions(new SimClusterOptions(options.qdevice(), bootTime, options.haResources()));
    }

    /** HA resources configured from the start ({@code vm:100}, state started). */
    public SimSpec withHaResources(String... sids) {
        return withOptions(new SimClusterOptions(options.qdevice(), options.bootTime(), List.of(sids)));
    }

    /**
     * A cluster {@code sim} with {@code nodes} nodes, profile 9.2, time scale 1, login
     * {@code root} with password {@code sim}, and one 4-core/4 GiB VM per node
     * ({@code 100} on pve1, {@code 101} on pve2, ...).
     */
    public static SimSpec defaults(int nodes, long seed) {
        List<SimVmSpec> vms = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            vms.add(new SimVmSpec(99 + i, "vm" + (99 + i), "pve" + i, 4, 4L << 30));
        }
        return new SimSpec("sim", "9.2", nodes, seed, 1.0, vms, "root", "sim", List.of());
    }

    public SimSpec withTimeScale(double scale) {
        return new SimSpec(clusterName, pveVersion, nodes, seed, scale, vms, loginUser, password, authorizedKeys,
                options, hardware);
    }

    public SimSpec withVersion(String version) {
        return new SimSpec(clusterName, version, nodes, seed, timeScale, vms, loginUser, password, authorizedKeys,
                options, hardware);
    }

    public SimSpec withAuthorizedKeys(List<PublicKey> keys) {
        return new SimSpec(clusterName, pveVersion, nodes, seed, timeScale, vms, loginUser, password, keys, options,
                hardware);
    }

    /** 1-based index of a node named {@code pveN}, or -1. */
    static int nodeIndex(String name) {
        if (name == null || !name.matches("pve[1-9][0-9]?")) {
            return -1;
        }
        return Integer.parseInt(name.substring(3));
    }

    /** Like the record's, but the password is masked: a spec may end up in a log line. */
    @Override
    public String toString() {
        return "SimSpec[clusterName=" + clusterName + ", pveVersion=" + pveVersion + ", nodes=" + nodes
                + ", seed=" + seed + ", timeScale=" + timeScale + ", vms=" + vms + ", loginUser=" + loginUser
                + ", password=" + (password == null ? "none" : "******") + ", authorizedKeys="
                + authorizedKeys.size() + ", options=" + options + ", hardware=" + hardware + "]";
    }
}
