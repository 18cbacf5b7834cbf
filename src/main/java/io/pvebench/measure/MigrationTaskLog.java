package io.pvebench.measure;

import io.pvebench.measure.MigrationReport.DowntimeIncrease;
import io.pvebench.measure.MigrationReport.MirrorProgress;
import io.pvebench.measure.MigrationReport.Outcome;
import io.pvebench.measure.MigrationReport.Progress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the task log of a Proxmox VE live migration (qemu-server {@code QemuMigrate.pm},
 * PVE 6.4 to 9.x): the lines {@code qm migrate VMID TARGET --online} prints over SSH, or
 * the {@code t} texts of {@code /nodes/N/tasks/UPID/log} one per line, with or without
 * the final {@code TASK OK|WARNINGS: N|ERROR: ...} line. Line formats from
 * {@code outputs/proxmox/migration/*.log} (real logs published by users) and the source
 * (see {@code outputs/proxmox/SOURCES.md}).
 *
 * <p>Timestamps ({@code YYYY-MM-DD HH:MM:SS }) are the node's local time without a zone;
 * the caller names the zone. Lines the parser does not know (remote stderr, ssh output,
 * storage plugin notices) are skipped. A failed migration is not an error here: it
 * parses to {@link Outcome#ABORTED} or {@link Outcome#FAILED} with its reason.
 *
 * <p>Not supported, and refused with a {@link MalformedOutputException} that says so:
 * PVE 4's {@code Mon DD HH:MM:SS} timestamps (no year, so no instant) and the raw-byte
 * progress lines before qemu-server 6.4 ({@code migration status: active (transferred N,
 * remaining N), total N)}). Text with no migration line at all (no {@code starting
 * migration of VM}, progress, {@code average migration speed}, {@code ERROR: online
 * migrate failure} or {@code migration finished|aborted} line) is refused too, naming its first line: a task that failed before
 * logging anything but {@code TASK ERROR} cannot be told from another task's log.
 *
 * <p>Stateless and thread-safe.
 */
public final class MigrationTaskLog {

    private static final String TOOL = "qm migrate task log";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final Pattern TIMESTAMPED = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) (.*)$");
    private static final Pattern PVE4_STAMP = Pattern.compile("^[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} .*");
    private static final String SIZE = "(\\d+(?:\\.\\d+)?) (B|KiB|MiB|GiB|TiB|PiB)";
    private static final Pattern START = Pattern.compile(
            "^starting migration of VM (\\d+) to node '([^']+)'(?: \\(([^)]*)\\))?.*$");
    private static final Pattern NETWORK = Pattern.compile(
            "^use dedicated network address for sending migration traffic \\(([^)]*)\\)$");
    private static final Pattern LIMIT = Pattern.compile("^migration downtime limit: (\\d+) ms$");
    private static final Pattern PROGRESS = Pattern.compile("^migration (\\w+), transferred " + SIZE + " of " + SIZE
            + " VM-state, " + SIZE + "/s(?: \\(\\+ " + SIZE + " VFIO-state\\))?(?:, VM dirties lots of memory: "
            + SIZE + "/s)?$");
    private static final Pattern RAW_PROGRESS = Pattern.compile("^migration status: active \\(transferred \\d+.*");
    private static final Pattern INCREASE = Pattern.compile("^auto-increased downtime to continue migration: (\\d+) ms$");
    private static final Pattern AVERAGE = Pattern.compile(
            "^average migration speed: " + SIZE + "/s - downtime (\\d+) ms$");
    private static final Pattern COMPLETED = Pattern.compile("^migration completed, transferred " + SIZE + " VM-state.*$");
    private static final Pattern FINISHED = Pattern.compile(
            "^migration finished successfu?lly \\(duration (\\d+):(\\d{2}):(\\d{2})\\)$");
    private static final Pattern ABORTED = Pattern.compile(
            "^ERROR: migration aborted \\(duration (\\d+):(\\d{2}):(\\d{2})\\)(?:: (.*))?$");
    private static final Pattern PROBLEMS = Pattern.compile(
            "^ERROR: migration finished with problems \\(duration (\\d+):(\\d{2}):(\\d{2})\\)$");
    private static final Pattern ERROR = Pattern.compile("^ERROR: (.*)$");
    private static final Pattern CONNTRACK = Pattern.compile(
            "^(?:WARN: )?(?:conntrack state migration .*|migrated \\d+ conntrack state entr(?:y|ies)"
                    + "|flushing conntrack state .*)$");
    private static final Pattern MIRROR = Pattern.compile(
            "^(\\S+): transferred " + SIZE + " of " + SIZE + " \\(([\\d.]+)%\\) in .*?(, ready)?$");
    private static final Pattern TASK_END = Pattern.compile("^TASK (OK|WARNINGS: (\\d+)|ERROR: (.*))$");
    private static final Pattern SSH_WARNINGS = Pattern.compile("^Task finished with (\\d+) warning\\(s\\)!$");

    /**
     * The report of one migration task log.
     *
     * @param log  the task log text ({@code \n} or {@code \r\n} line ends)
     * @param zone the source node's time zone, in which its timestamps are read
     * @throws MalformedOutputException for text that is not a migration task log, or in a
     *                                  format refused above; the message names the line
     */
    public MigrationReport parse(String log, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        return new Reading(zone).read(log == null ? "" : log);
    }

    /** {@link #parse} then {@link MigrationReport#samples}. */
    public List<Sample> samples(String log, Map<String, String> labels, ZoneId zone) {
        return parse(log, zone).samples(labels);
    }

    /** The mutable state of one parse; never shared. */
    private static final class Reading {
        private final ZoneId zone;
        private OptionalInt vmid = OptionalInt.empty();
        private Optional<String> target = Optional.empty();
        private Optional<String> address = Optional.empty();
        private Optional<String> network = Optional.empty();
        private boolean ha;
        private boolean migrationLine;
        private Outcome outcome = Outcome.UNKNOWN;
        private String reason;
        private String firstError;
        private String taskError;
        private Instant start;
        private Instant end;
        private Duration reported;
        private Duration downtime;
        private Long speed;
        private Long completed;
        private Duration limit;
        private int warnings;
        private final List<Progress> progress = new ArrayList<>();
        private final List<DowntimeIncrease> increases = new ArrayList<>();
        private final List<MirrorProgress> mirrors = new ArrayList<>();
        private final List<String> conntrack = new ArrayList<>();

        Reading(ZoneId zone) {
            this.zone = zone;
        }

        MigrationReport read(String log) {
            String[] lines = log.split("\n");
            String first = null;
            int firstNumber = 0;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].stripTrailing();
                if (line.isEmpty()) {
                    continue;
                }
                if (first == null) {
                    first = line;
                    firstNumber = i + 1;
                }
                // only before any modern timestamp: later, such a line is some tool's own output
                if (start == null && PVE4_STAMP.matcher(line).matches()) {
                    throw refused(i + 1, line, "PVE 4 timestamps 'Mon DD HH:MM:SS' (no year) are not supported;"
                            + " only 'YYYY-MM-DD HH:MM:SS' logs of PVE 6.4 and later");
                }
                Matcher m = TIMESTAMPED.matcher(line);
                if (m.matches()) {
                    Instant at = instant(m.group(1), i + 1, line);
                    start = start == null ? at : start;
                    end = at;
                    timestamped(m.group(2), at, i + 1, line);
                } else {
                    plain(line);
                }
            }
            if (first == null) {
                throw new MalformedOutputException(TOOL, "empty");
            }
            if (!migrationLine) {
                throw refused(firstNumber, first, "not a migration task log (no 'starting migration of VM',"
                        + " progress, 'average migration speed', 'online migrate failure'"
                        + " or 'migration finished/aborted' line)");
            }
            return report();
        }

        private void timestamped(String text, Instant at, int number, String line) {
            Matcher m;
            if ((m = START.matcher(text)).matches()) {
                migrationLine = true;
                vmid = OptionalInt.of(Integer.parseInt(m.group(1)));
                target = Optional.of(m.group(2));
                address = Optional.ofNullable(m.group(3));
            } else if ((m = NETWORK.matcher(text)).matches()) {
                network = Optional.of(m.group(1));
            } else if ((m = LIMIT.matcher(text)).matches()) {
                limit = Duration.ofMillis(Long.parseLong(m.group(1)));
            } else if ((m = PROGRESS.matcher(text)).matches()) {
                migrationLine = true;
                OptionalLong dirty = m.group(10) == null ? OptionalLong.empty() : OptionalLong.of(bytes(m, 10));
                progress.add(new Progress(at, m.group(1), bytes(m, 2), bytes(m, 4), bytes(m, 6), dirty));
            } else if (RAW_PROGRESS.matcher(text).matches()) {
                throw refused(number, line, "raw-byte progress lines (qemu-server before 6.4) are not supported");
            } else if ((m = INCREASE.matcher(text)).matches()) {
                increases.add(new DowntimeIncrease(at, Duration.ofMillis(Long.parseLong(m.group(1)))));
            } else if ((m = AVERAGE.matcher(text)).matches()) {
                migrationLine = true;
                speed = bytes(m, 1);
                downtime = Duration.ofMillis(Long.parseLong(m.group(3)));
            } else if ((m = COMPLETED.matcher(text)).matches()) {
                completed = bytes(m, 1);
            } else if ((m = FINISHED.matcher(text)).matches()) {
                migrationLine = true;
                outcome = Outcome.SUCCESS;
                reported = hms(m);
            } else if ((m = ABORTED.matcher(text)).matches()) {
                migrationLine = true;
                outcome = Outcome.ABORTED;
                reported = hms(m);
                reason = m.group(4) == null ? "migration aborted" : m.group(4);
            } else if ((m = PROBLEMS.matcher(text)).matches()) {
                migrationLine = true;
                outcome = Outcome.FAILED;
                reported = hms(m);
            } else if ((m = ERROR.matcher(text)).matches()) {
                migrationLine |= m.group(1).startsWith("online migrate failure");
                firstError = firstError == null ? m.group(1) : firstError;
            } else if (CONNTRACK.matcher(text).matches()) {
                conntrack.add(text);
            }
        }

        private void plain(String line) {
            Matcher m;
            if (line.equals("task started by HA resource agent")) {
                ha = true;
            } else if ((m = TASK_END.matcher(line)).matches()) {
                if (m.group(2) != null) {
                    warnings = Integer.parseInt(m.group(2));
                }
                if (m.group(3) != null) {
                    taskError = m.group(3);
                } else if (outcome == Outcome.UNKNOWN) {
                    outcome = Outcome.SUCCESS;
                }
            } else if ((m = SSH_WARNINGS.matcher(line)).matches()) {
                warnings = Integer.parseInt(m.group(1));
            } else if ((m = MIRROR.matcher(line)).matches()) {
                mirrors.add(new MirrorProgress(m.group(1), bytes(m, 2), bytes(m, 4),
                        Double.parseDouble(m.group(6)), m.group(7) != null));
            }
        }

        private MigrationReport report() {
            Optional<String> why = Optional.empty();
            if (outcome == Outcome.UNKNOWN && taskError != null) {
                outcome = Outcome.FAILED;
            }
            if (outcome == Outcome.ABORTED) {
                why = Optional.of(reason);
            } else if (outcome != Outcome.SUCCESS) {
                why = Optional.ofNullable(firstError).or(() -> Optional.ofNullable(taskError));
            }
            Progress last = progress.isEmpty() ? null : progress.get(progress.size() - 1);
            OptionalLong transferred = completed != null ? OptionalLong.of(completed)
                    : last != null ? OptionalLong.of(last.transferred()) : OptionalLong.empty();
            OptionalLong total = last != null ? OptionalLong.of(last.total()) : OptionalLong.empty();
            Duration duration = reported != null ? reported : Duration.between(start, end);
            return new MigrationReport(vmid, target, address, network, ha, outcome, why, start, end, duration,
                    Optional.ofNullable(downtime), speed == null ? OptionalLong.empty() : OptionalLong.of(speed),
                    transferred, total, Optional.ofNullable(limit), progress, increases, mirrors, warnings, conntrack);
        }

        private Instant instant(String stamp, int number, String line) {
            try {
                return LocalDateTime.parse(stamp, STAMP).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw refused(number, line, "bad timestamp '" + stamp + "'");
            }
        }
    }

    /** {@code 357.9 MiB} in bytes, rounded to the byte; groups {@code i} (number) and {@code i + 1} (unit). */
    static long bytes(Matcher m, int i) {
        double factor = switch (m.group(i + 1)) {
            case "B" -> 1;
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            case "TiB" -> 1L << 40;
            case "PiB" -> 1L << 50;
            default -> throw new IllegalStateException(m.group(i + 1));
        };
        return Math.round(Double.parseDouble(m.group(i)) * factor);
    }

    private static Duration hms(Matcher m) {
        return Duration.ofHours(Long.parseLong(m.group(1)))
                .plusMinutes(Long.parseLong(m.group(2)))
                .plusSeconds(Long.parseLong(m.group(3)));
    }

    private static MalformedOutputException refused(int number, String line, String why) {
        return new MalformedOutputException(TOOL, "line " + number + " '" + line + "': " + why);
    }
}
