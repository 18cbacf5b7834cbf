package io.pvebench.sim.command;

import io.pvebench.sim.model.NodeInfo;
import io.pvebench.sim.model.QuorumView;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code pvecm status} and {@code pvecm nodes}. Status is pve-cluster's "Cluster
 * information" block ({@code CLI/pvecm.pm}, {@code %-17s %s}) followed by
 * {@code corosync-quorumtool -siH} (corosync {@code tools/corosync-quorumtool.c}):
 * {@code Quorum: %d %s} prints a blank (so two trailing spaces) when quorate, the
 * {@code Flags:} line keeps its trailing blank, columns are {@code %10s }, node ids
 * {@code 0x%08x}, names are the nodes' addresses, members sorted by address. Like the
 * real tool it exits 2 when the partition is not quorate. Node clocks are UTC.
 */
final class Pvecm implements Program {

    /** C's {@code ctime}: day of month padded with a blank. */
    private static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

    @Override
    public Reply run(Invocation inv) {
        if (inv.args().size() == 1 && inv.args().get(0).equals("status")) {
            return status(inv);
        }
        if (inv.args().size() == 1 && inv.args().get(0).equals("nodes")) {
            return nodes(inv);
        }
        return Reply.error("ERROR: unknown command 'pvecm " + String.join(" ", inv.args()) + "'\n"
                + "USAGE: pvecm <COMMAND> [ARGS] [OPTIONS]\n", 255);
    }

    private Reply status(Invocation inv) {
        if (!inv.model().corosyncRunning(inv.node().name())) {
            return notRunning(inv);
        }
        QuorumView q = inv.model().quorum(inv.node().name());
        boolean qdevice = q.qdeviceVotes() > 0;
        StringBuilder out = new StringBuilder();
        out.append("Cluster information\n-------------------\n");
        info(out, "Name", inv.model().clusterName());
        info(out, "Config Version", Integer.toString(q.configVersion()));
        info(out, "Transport", "knet");
        info(out, "Secure auth", "on");
        out.append('\n');
        out.append("Quorum information\n------------------\n");
        out.append("Date:             ").append(CTIME.format(inv.model().clock().now())).append('\n');
        out.append("Quorum provider:  corosync_votequorum\n");
        out.append("Nodes:            ").append(q.members().size()).append('\n');
        out.append("Node ID:          ").append(String.format("0x%08x", inv.node().nodeId())).append('\n');
        out.append("Ring ID:          ").append(Integer.toHexString(q.ringRepresentative())).append('.')
                .append(Long.toHexString(q.ringSeq())).append('\n');
        out.append("Quorate:          ").append(q.quorate() ? "Yes" : "No").append('\n');
        out.append("\nVotequorum information\n----------------------\n");
        out.append("Expected votes:   ").append(q.expectedVotes()).append('\n');
        out.append("Highest expected: ").append(q.expectedVotes()).append('\n');
        out.append("Total votes:      ").append(q.totalVotes()).append('\n');
        out.append("Quorum:           ").append(q.quorum()).append(' ')
                .append(q.quorate() ? " " : "Activity blocked").append('\n');
        out.append("Flags:            ").append(q.quorate() ? "Quorate " : "").append(qdevice ? "Qdevice " : "")
                .append('\n');
        out.append("\nMembership information\n----------------------\n");
        out.append(String.format("%10s %10s ", "Nodeid", "Votes"))
                .append(qdevice ? String.format("%10s ", "Qdevice") : "").append("Name\n");
        for (NodeInfo member : q.members()) {
            out.append(String.format("0x%08x %10d ", member.nodeId(), 1));
            if (qdevice) {
                // corosync-qdevice runs on every member; it casts its vote only while qnetd answers
                out.append(String.format("%10s ", q.qdeviceCastVote() ? "A,V,NMW" : "A,NV,NMW"));
            }
            out.append(member.ip());
            if (member.nodeId() == inv.node().nodeId()) {
                out.append(" (local)");
            }
            out.append('\n');
        }
        if (qdevice) {
            // "show votes as 0 so that the display is not confusing" when the device votes not here
            out.append(String.format("0x%08x %10d ", 0, q.qdeviceCastVote() ? q.qdeviceVotes() : 0))
                    .append("           Qdevice")
                    .append(q.qdeviceCastVote() ? "" : " (votes " + q.qdeviceVotes() + ")").append('\n');
        }
        return new Reply(out.toString(), "", q.quorate() ? 0 : 2);
    }

    /** {@code corosync-quorumtool -l}: Nodeid, Votes, Name (resolved host names). */
    private Reply nodes(Invocation inv) {
        if (!inv.model().corosyncRunning(inv.node().name())) {
            return new Reply("", "Cannot initialize CMAP service\n", 1);
        }
        QuorumView q = inv.model().quorum(inv.node().name());
        StringBuilder out = new StringBuilder();
        out.append("\nMembership information\n----------------------\n");
        out.append(String.format("%10s %10s ", "Nodeid", "Votes")).append("Name\n");
        for (NodeInfo member : q.members()) {
            out.append(String.format("%10d %10d ", member.nodeId(), 1)).append(member.name());
            if (member.nodeId() == inv.node().nodeId()) {
                out.append(" (local)");
            }
            out.append('\n');
        }
        return Reply.ok(out.toString());
    }

    /**
     * corosync stopped: pvecm still prints the cluster information read from
     * corosync.conf, then corosync-quorumtool fails to connect (exit 1).
     */
    private Reply notRunning(Invocation inv) {
        StringBuilder out = new StringBuilder();
        QuorumView q = inv.model().quorum(inv.node().name());
        out.append("Cluster information\n-------------------\n");
        info(out, "Name", inv.model().clusterName());
        info(out, "Config Version", Integer.toString(q.configVersion()));
        info(out, "Transport", "knet");
        info(out, "Secure auth", "on");
        out.append('\n');
        return new Reply(out.toString(), "Cannot initialize CMAP service\n", 1);
    }

    private static void info(StringBuilder out, String label, String value) {
        out.append(String.format("%-17s %s%n", label + ":", value).replace(System.lineSeparator(), "\n"));
    }
}
