package io.pvebench.proxmox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ha-manager status}: one {@code "<type> <status>"} line per entry of
 * {@code /cluster/ha/status/current} (pve-ha-manager {@code src/PVE/API2/HA/Status.pm} and
 * {@code src/PVE/CLI/ha_manager.pm}; formats in reference/README.md and PVE-CURRENT.md 6.2).
 * Reads PVE 4–8 (no fencing line, LRM without watchdog) and 9.2 (fencing line, LRM with its
 * watchdog). With {@code --verbose} everything from {@code full cluster state:} on is ignored.
 * Real outputs are under {@code src/test/resources/outputs/proxmox/ha-manager-status/}.
 *
 * @param quorate  {@code quorum OK}; false for {@code quorum No quorum on node 'x'!}
 * @param master   the CRM master line, absent when no CRM ever became master
 * @param fencing  the 9.2 {@code fencing} line, absent before 9.2
 * @param lrms     one per node the manager status lists, in printed order
 * @param services one per HA resource, in printed order
 */
public record HaStatus(boolean quorate, Optional<Master> master, Optional<Fencing> fencing, List<Lrm> lrms,
                       List<Service> services) {

    private static final Pattern MASTER = Pattern.compile(
            "(\\S+) \\(([^,()]+), ([^()]+)\\)(?: - (disarming|disarmed), resource mode: (\\S+))?"
                    + "(?: - (\\S+) load CRS.*)?");
    private static final Pattern FENCING = Pattern.compile(
            "(armed|standby|disarming|disarmed|unknown)(?:, resource mode: (\\S+))? \\(CRM watchdog (\\w+)\\)");
    private static final Pattern LRM = Pattern.compile("(\\S+) \\((.*)\\)");
    private static final Pattern SERVICE = Pattern.compile("(\\S+) \\((\\S+), ([^()]+)\\)");

    public HaStatus {
        lrms = List.copyOf(lrms);
        services = List.copyOf(services);
    }

    /**
     * @param node     the master's node
     * @param state    {@code active}, {@code idle}, {@code old timestamp - dead?}, {@code detected time drift!}
     * @param disarm   {@code disarming} or {@code disarmed} with the resource mode, 9.2 only
     * @param crsMode  {@code static} or {@code dynamic} when the line says {@code - <mode> load CRS}; absent means basic
     */
    public record Master(String node, String state, Optional<String> disarm, Optional<String> crsMode) {
    }

    /**
     * @param armedState   {@code armed}, {@code standby}, {@code disarming} or {@code disarmed}
     * @param resourceMode {@code freeze} or {@code ignore} while disarming or disarmed
     * @param crmWatchdog  {@code active}, {@code standby} or {@code released}
     */
    public record Fencing(String armedState, Optional<String> resourceMode, String crmWatchdog) {

        public boolean armed() {
            return armedState.equals("armed");
        }
    }

    /**
     * @param node     node name
     * @param state    {@code active}, {@code idle}, {@code wait_for_agent_lock}, {@code lost_agent_lock},
     *                 {@code maintenance mode}, {@code disarm mode}, {@code old timestamp - dead?},
     *                 {@code detected time drift!}, or {@code unable to read lrm status}
     * @param watchdog {@code watchdog active|standby|released} (9.2), absent before
     */
    public record Lrm(String node, String state, Optional<String> watchdog) {

        /** Holds its agent lock and feeds its watchdog: a node that would fence itself without quorum. */
        public boolean active() {
            return state.equals("active") || state.equals("maintenance mode");
        }
    }

    /**
     * @param sid   {@code vm:101}, {@code ct:100}
     * @param node  the node the CRM places it on
     * @param state the verbose state ({@code started}, {@code fence}, {@code recovery}, {@code ignored}, ...)
     */
    public record Service(String sid, String node, String state) {
    }

    /** Reads {@code ha-manager status}; a line of an unknown type or shape is a {@link ProxmoxException}. */
    public static HaStatus parse(String output) {
        Boolean quorate = null;
        Master master = null;
        Fencing fencing = null;
        List<Lrm> lrms = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.startsWith("full cluster state:")) {
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            int space = line.indexOf(' ');
            String type = space < 0 ? line : line.substring(0, space);
            String status = space < 0 ? "" : line.substring(space + 1);
            switch (type) {
                case "quorum" -> quorate = status.equals("OK");
                case "master" -> {
                    Matcher m = matching(MASTER, status, line);
                    master = new Master(m.group(1), m.group(2).strip(),
                            Optional.ofNullable(m.group(4)).map(s -> s + ", resource mode: " + m.group(5)),
                            Optional.ofNullable(m.group(6)));
                }
                case "fencing" -> {
                    Matcher m = matching(FENCING, status, line);
                    fencing = new Fencing(m.group(1), Optional.ofNullable(m.group(2)), m.group(3));
                }
                case "lrm" -> lrms.add(lrm(matching(LRM, status, line)));
                case "service" -> {
                    Matcher m = matching(SERVICE, status, line);
                    services.add(new Service(m.group(1), m.group(2), m.group(3)));
                }
                default -> throw new ProxmoxException("ha-manager status: unknown line '" + line + "'");
            }
        }
        if (quorate == null) {
            throw new ProxmoxException("ha-manager status: no 'quorum' line in: " + output.strip());
        }
        return new HaStatus(quorate, Optional.ofNullable(master), Optional.ofNullable(fencing), lrms, services);
    }

    /** The LRM of {@code node}, if the output lists it. */
    public Optional<Lrm> lrm(String node) {
        return lrms.stream().filter(l -> l.node().equals(node)).findFirst();
    }

    private static Lrm lrm(Matcher m) {
        // "<state>, [watchdog <w>, ]<localtime>" or "unable to read lrm status"; no part holds ", "
        String[] parts = m.group(2).split(", ");
        Optional<String> watchdog = parts.length > 2 && parts[1].startsWith("watchdog ")
                ? Optional.of(parts[1]) : Optional.empty();
        return new Lrm(m.group(1), parts[0], watchdog);
    }

    private static Matcher matching(Pattern pattern, String status, String line) {
        Matcher m = pattern.matcher(status);
        if (!m.matches()) {
            throw new ProxmoxException("ha-manager status: unreadable line '" + line + "'");
        }
        return m;
    }
}
