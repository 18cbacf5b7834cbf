package io.pvebench.sim.model;

import java.time.Instant;
import java.util.Map;

/**
 * What systemd and the daemons write to a unit's journal when the unit stops or starts.
 * systemd 252+ names a unit with its description ({@code Stopping corosync.service -
 * Corosync Cluster Engine...}); descriptions from the units' {@code .service} files;
 * corosync's lines from {@code exec/main.c}, {@code exec/service.c}, {@code exec/util.c};
 * pve-ha-manager's from {@code src/PVE/HA/CRM.pm}, {@code LRM.pm} and {@code PVE::Daemon}.
 */
final class ServiceLog {

    private static final Map<String, String> DESCRIPTION = Map.of(
            "corosync", "Corosync Cluster Engine",
            "pve-cluster", "The Proxmox VE cluster filesystem",
            "pve-ha-crm", "PVE Cluster HA Resource Manager Daemon",
            "pve-ha-lrm", "PVE Local HA Resource Manager Daemon");

    private static final Map<String, String> IDENTIFIER = Map.of(
            "corosync", "corosync", "pve-cluster", "pmxcfs", "pve-ha-crm", "pve-ha-crm", "pve-ha-lrm", "pve-ha-lrm");

    private ServiceLog() {
    }

    static void stopping(Journal j, Instant now, String node, String service, int pid) {
        systemd(j, now, node, service, "Stopping " + service + ".service - " + DESCRIPTION.get(service) + "...");
        String id = IDENTIFIER.get(service);
        switch (service) {
            case "corosync" -> {
                j.append(now, node, service, id, pid, "  [MAIN  ] Node was shut down by a signal");
                j.append(now, node, service, id, pid, "  [SERV  ] Unloading all Corosync service engines.");
                j.append(now, node, service, id, pid, "  [MAIN  ] Corosync Cluster Engine exiting normally");
            }
            case "pve-cluster" -> j.append(now, node, service, id, pid, "[main] notice: teardown filesystem");
            default -> {
                j.append(now, node, service, id, pid, "received signal TERM");
                j.append(now, node, service, id, pid, "server received shutdown request");
                j.append(now, node, service, id, pid, "server stopped");
            }
        }
    }

    static void stopped(Journal j, Instant now, String node, String service) {
        systemd(j, now, node, service, service + ".service: Deactivated successfully.");
        systemd(j, now, node, service, "Stopped " + service + ".service - " + DESCRIPTION.get(service) + ".");
    }

    static void started(Journal j, Instant now, String node, String service, int pid) {
        systemd(j, now, node, service, "Starting " + service + ".service - " + DESCRIPTION.get(service) + "...");
        String id = IDENTIFIER.get(service);
        switch (service) {
            case "corosync" -> { } // corosync's own start-up lines come with the membership it forms
            case "pve-cluster" -> { }
            case "pve-ha-crm" -> {
                j.append(now, node, service, id, pid, "starting server");
                j.append(now, node, service, id, pid, "status change startup => wait_for_quorum");
            }
            default -> {
                j.append(now, node, service, id, pid, "starting server");
                j.append(now, node, service, id, pid, "status change startup => wait_for_agent_lock");
            }
        }
    }

    /** The unit is up (after the daemon's own start-up lines, as with {@code Type=notify}). */
    static void ready(Journal j, Instant now, String node, String service) {
        systemd(j, now, node, service, "Started " + service + ".service - " + DESCRIPTION.get(service) + ".");
    }

    private static void systemd(Journal j, Instant now, String node, String service, String message) {
        j.append(now, node, service, "systemd", 1, message);
    }
}
