package io.pvebench.proxmox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quorum facts of {@code pvecm status}, which is corosync's {@code corosync-quorumtool -siH}
 * under a {@code Cluster information} header (pve-cluster {@code PVE/CLI/pvecm.pm}; sections and
 * columns in reference/README.md). Only what decides quorum after a failure is kept: votes, the
 * threshold, the flags and who votes. Real outputs are under
 * {@code src/test/resources/outputs/proxmox/pvecm-status/}.
 *
 * @param quorate         {@code Quorate: Yes}
 * @param expectedVotes   {@code Expected votes}: the votes of every configured node plus the QDevice's
 * @param highestExpected {@code Highest expected}
 * @param totalVotes      {@code Total votes}: what the answering node's partition holds now
 * @param quorum          {@code Quorum}: the votes a partition needs
 * @param activityBlocked {@code Quorum: N Activity blocked}, printed when the partition is below it
 * @param flags           {@code Flags:} words in printed order ({@code 2Node}, {@code Quorate},
 *                        {@code WaitForAll}, {@code LastManStanding}, {@code AutoTieBreaker},
 *                        {@code AllowDownscale}, {@code Qdevice}); may be empty
 * @param members         the member rows, QDevice row excluded, in printed order
 * @param qdeviceVotes    the QDevice row's votes when the output has one
 */
public record PvecmStatus(boolean quorate, int expectedVotes, int highestExpected, int totalVotes, int quorum,
                          boolean activityBlocked, Set<String> flags, List<Member> members,
                          Optional<Integer> qdeviceVotes) {

    private static final Pattern FIELD = Pattern.compile("(?m)^([A-Za-z][A-Za-z ]*?):[ \\t]*(.*?)[ \\t]*$");
    private static final Pattern ROW = Pattern.compile("^\\s*(0x[0-9a-fA-F]+|\\d+)\\s+(\\d+)\\s+(.*?)\\s*$");
    /** The Qdevice column's per-node state: {@code A,V,NMW}, {@code NR}, {@code A,NV,NMW}. */
    private static final Pattern QDEVICE_STATE = Pattern.compile("[A-Z]+(,[A-Z]+)*");
    private static final String LOCAL = " (local)";

    public PvecmStatus {
        flags = Set.copyOf(new LinkedHashSet<>(flags));
        members = List.copyOf(members);
    }

    /**
     * A member row of {@code Membership information}.
     *
     * @param nodeId       corosync node id (printed {@code 0x%08x} by pvecm, decimal by plain
     *                     {@code corosync-quorumtool})
     * @param votes        its votes
     * @param name         what corosync prints, which for pvecm is the ring address ({@code 10.0.99.2}), not the node name
     * @param local        whether it is the node that answered ({@code (local)})
     * @param qdeviceState the Qdevice column ({@code A,V,NMW}) when the cluster has a QDevice
     */
    public record Member(int nodeId, int votes, String name, boolean local, Optional<String> qdeviceState) {
    }

    /** Reads {@code pvecm status}; an output without the votequorum fields is a {@link ProxmoxException}. */
    public static PvecmStatus parse(String output) {
        String quorate = field(output, "Quorate");
        String quorumLine = field(output, "Quorum");
        String[] quorumWords = quorumLine.split("\\s+", 2);
        String flagsLine = optionalField(output, "Flags").orElse("");
        Set<String> flags = new LinkedHashSet<>();
        for (String f : flagsLine.split("\\s+")) {
            if (!f.isEmpty()) {
                flags.add(f);
            }
        }
        List<Member> members = new ArrayList<>();
        Optional<Integer> qdevice = Optional.empty();
        int membership = output.indexOf("Membership information");
        if (membership < 0) {
            throw new ProxmoxException("pvecm status: no 'Membership information' section in: " + output.strip());
        }
        String[] lines = output.substring(membership).split("\\R");
        boolean qdeviceColumn = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("---")) {
                continue;
            }
            if (line.strip().startsWith("Nodeid")) {
                qdeviceColumn = line.contains("Qdevice");
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                throw new ProxmoxException("pvecm status: unreadable membership row '" + line + "'");
            }
            int nodeId = m.group(1).startsWith("0x") ? Integer.parseInt(m.group(1).substring(2), 16)
                    : Integer.parseInt(m.group(1));
            int votes = Integer.parseInt(m.group(2));
            String rest = m.group(3);
            if (nodeId == 0 && rest.equals("Qdevice")) {
                qdevice = Optional.of(votes);
                continue;
            }
            Optional<String> state = Optional.empty();
            if (qdeviceColumn) {
                String[] words = rest.split("\\s+", 2);
                if (words.length == 2 && QDEVICE_STATE.matcher(words[0]).matches()) {
                    state = Optional.of(words[0]);
                    rest = words[1];
                }
            }
            boolean local = rest.endsWith(LOCAL);
            String name = local ? rest.substring(0, rest.length() - LOCAL.length()) : rest;
            members.add(new Member(nodeId, votes, name, local, state));
        }
        return new PvecmStatus(yesNo(quorate), number(output, "Expected votes"), number(output, "Highest expected"),
                number(output, "Total votes"), integer("Quorum", quorumWords[0]),
                quorumWords.length > 1 && quorumWords[1].contains("Activity blocked"), flags, members, qdevice);
    }

    /** Whether {@code Flags:} lists the QDevice or the membership has its row. */
    public boolean hasQdevice() {
        return flags.contains("Qdevice") || qdeviceVotes.isPresent();
    }

    /** corosync's {@code two_node} mode ({@code 2Node}): a lone node of two keeps quorum. */
    public boolean twoNode() {
        return flags.contains("2Node");
    }

    private static String field(String output, String name) {
        return optionalField(output, name).orElseThrow(() -> new ProxmoxException(
                "pvecm status: no '" + name + ":' line in: " + output.strip()));
    }

    private static Optional<String> optionalField(String output, String name) {
        Matcher m = FIELD.matcher(output);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Optional.of(m.group(2));
            }
        }
        return Optional.empty();
    }

    private static int number(String output, String name) {
        return integer(name, field(output, name));
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ProxmoxException("pvecm status: '" + name + ":' is not a number: '" + value + "'");
        }
    }

    private static boolean yesNo(String value) {
        return switch (value) {
            case "Yes" -> true;
            case "No" -> false;
            default -> throw new ProxmoxException("pvecm status: 'Quorate:' is neither Yes nor No: '" + value + "'");
        };
    }
}
