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
        QuorumView q = inv.model().quorum();
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
        out.append("Flags:            ").append(q.quorate() ? "Quorate " : "").append('\n');
        out.append("\nMembership information\n----------------------\n");
        out.append(String.format("%10s %10s ", "Nodeid", "Votes")).append("Name\n");
        for (NodeInfo member : q.members()) {
            out.append(String.format("0x%08x %10d ", member.nodeId(), 1)).append(member.ip());
            if (member.nodeId() == inv.node().nodeId()) {
                out.append(" (local)");
            }
            out.append('\n');
        }
        return new Reply(out.toString(), "", q.quorate() ? 0 : 2);
    }

    /** {@code corosync-quorumtool -l}: Nodeid, Votes, Name (resolved host names). */
    private Reply nodes(Invocation inv) {
        QuorumView q = inv.model().quorum();
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

    private static void info(StringBuilder out, String label, String value) {
        out.append(String.format("%-17s %s%n", label + ":", value).replace(System.lineSeparator(), "\n"));
    }
}
