package io.pvebench.stage;

import io.pvebench.proxmox.FaultPort;

import java.util.Objects;

/**
 * One step that undoes a fault pvebench injected, as data, so it can be written down before the
 * fault and carried out by a later pvebench when the one that injected it died. Each step copes
 * with a fault that never happened (see {@link FaultPort}).
 *
 * @param kind   what to do
 * @param node   the node it concerns
 * @param device the network interface, for {@link Kind#LINK_UP} only (else null)
 */
public record Heal(Kind kind, String node, String device) {

    /** The undoing steps pvebench knows. */
    public enum Kind {
        /** Delete the iptables rules that drop corosync's traffic. */
        ALLOW_COROSYNC,
        /** Bring a network interface back up. */
        LINK_UP,
        /** Start the HA services (CRM, LRM) again. */
        START_HA_SERVICES,
        /** Take the node out of HA maintenance. */
        END_MAINTENANCE,
        /** Nothing to undo (a reset node reboots by itself): wait for it to be back. */
        AWAIT_NODE
    }

    public Heal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(node, "node");
        if ((kind == Kind.LINK_UP) != (device != null)) {
            throw new IllegalArgumentException("a network interface goes with LINK_UP and nothing else: " + kind
                    + ", " + device);
        }
    }

    public static Heal of(Kind kind, String node) {
        return new Heal(kind, node, null);
    }

    /** Carries the step out; {@link Kind#AWAIT_NODE} does nothing here (the caller waits for every node). */
    void apply(FaultPort faults) {
        switch (kind) {
            case ALLOW_COROSYNC -> faults.allowCorosync(node);
            case LINK_UP -> faults.linkUp(node, device);
            case START_HA_SERVICES -> faults.startHaServices(node);
            case END_MAINTENANCE -> faults.nodeMaintenance(node, false);
            case AWAIT_NODE -> {
                // the node comes back by itself; healing ends when the cluster sees it
            }
        }
    }

    /** What a person would do by hand, for a message when pvebench cannot. */
    String byHand() {
        return switch (kind) {
            case ALLOW_COROSYNC -> "on " + node + ": iptables -D INPUT|OUTPUT -p udp --dport 5405:5412 -j DROP";
            case LINK_UP -> "on " + node + ": ip link set dev " + device + " up";
            case START_HA_SERVICES -> "on " + node + ": systemctl start pve-ha-crm pve-ha-lrm";
            case END_MAINTENANCE -> "ha-manager crm-command node-maintenance disable " + node;
            case AWAIT_NODE -> "power " + node + " on if it stays down";
        };
    }
}
