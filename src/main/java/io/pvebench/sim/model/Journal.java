package io.pvebench.sim.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The systemd journals of the simulated nodes: one ordered list of entries per node, each
 * with the unit ({@code corosync.service}), the syslog identifier and pid
 * ({@code corosync[1234]}) and the message as the daemon logged it. Events in the model
 * append here (membership and quorum changes, service starts and stops); later parts of
 * the twin (HA fencing and recovery, CRS) append through {@link #append}.
 *
 * <p>Not thread-safe on its own: {@link ClusterModel} guards it (call through its lock).
 */
public final class Journal {

    /** One journal line; {@code unit} without {@code .service}. */
    public record Entry(Instant time, String node, String unit, String identifier, int pid, String message) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public void append(Instant time, String node, String unit, String identifier, int pid, String message) {
        entries.add(new Entry(time, node, unit, identifier, pid, message));
    }

    /** Entries of one node, oldest first; {@code unit} null means every unit. */
    public List<Entry> entries(String node, String unit) {
        List<Entry> result = new ArrayList<>();
        for (Entry e : entries) {
            if (e.node().equals(node) && (unit == null || e.unit().equals(unit))) {
                result.add(e);
            }
        }
        return result;
    }
}
