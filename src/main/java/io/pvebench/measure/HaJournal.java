package io.pvebench.measure;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HA stack's journal lines ({@code journalctl -u pve-ha-crm -u pve-ha-lrm}, format
 * {@code short-iso} or {@code short}) as events: what pvebench times a failover by. The lines
 * are pve-ha-manager's ({@code Manager.pm}, {@code NodeStatus.pm}): a service's state change
 * {@code service 'vm:100': state changed from 'started' to 'fence'} (with {@code  (node = X)}
 * and friends after a move), a node's {@code node 'X': state changed from 'online' => 'unknown'},
 * {@code fencing: acknowledged - got agent lock for node 'X'}, and
 * {@code recover service 'vm:100' from fenced node 'X' to node 'Y'}. Any other line is kept as
 * {@link Kind#OTHER} with its text, so a diagnosis can quote it. Stateless.
 */
public final class HaJournal {

    /** What a line says. */
    public enum Kind { SERVICE_STATE, NODE_STATE, FENCE_ACKNOWLEDGED, RECOVER, OTHER }

    /**
     * One journal line.
     *
     * @param at      when it was logged (to the second: the journal's short formats)
     * @param host    the node that logged it
     * @param daemon  {@code pve-ha-crm} or {@code pve-ha-lrm} (or whatever the line's identifier is)
     * @param kind    what it says
     * @param subject the service ({@code vm:100}) or node it is about; empty for {@link Kind#OTHER}
     * @param from    the state before (state changes), or the fenced node ({@link Kind#RECOVER})
     * @param to      the state after, or the node recovered to
     * @param node    the node a state change names ({@code (node = X)}), if any
     * @param text    the message as logged
     */
    public record Event(Instant at, String host, String daemon, Kind kind, String subject, String from, String to,
                        Optional<String> node, String text) {
        public Event {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(node, "node");
        }
    }

    private static final Pattern ISO_LINE = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:[+-]\\d{2}:?\\d{2}|Z)) (\\S+) ([^\\[:]+)(?:\\[\\d+\\])?: (.*)");
    private static final Pattern SHORT_LINE = Pattern.compile(
            "([A-Z][a-z]{2} [ 0-9]\\d \\d{2}:\\d{2}:\\d{2}) (\\S+) ([^\\[:]+)(?:\\[\\d+\\])?: (.*)");
    private static final Pattern SERVICE = Pattern.compile(
            "service '([^']+)': state changed from '([^']+)' to '([^']+)'(?:\\s+\\((.*)\\))?\\s*");
    private static final Pattern NODE_DETAIL = Pattern.compile("(?:^|,\\s*)node = ([^,\\s)]+)");
    private static final Pattern NODE = Pattern.compile("node '([^']+)': state changed from '([^']+)' => '([^']+)'\\s*");
    private static final Pattern FENCE_ACK = Pattern.compile("fencing: acknowledged - got agent lock for node '([^']+)'\\s*");
    private static final Pattern RECOVER = Pattern.compile(
            "recover service '([^']+)' from fenced node '([^']+)' to node '([^']+)'\\s*");
    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss").optionalStart().appendFraction(
                    java.time.temporal.ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendPattern("[XXX][XX][X]").toFormatter(Locale.ROOT);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("yyyy MMM ppd HH:mm:ss", Locale.US);

    private HaJournal() {
    }

    /**
     * Reads journal text; lines that are no journal line ({@code -- No entries --}, a boot marker)
     * are skipped.
     *
     * @param year the year of {@code short} lines, which print none (and a zone: they are taken as UTC)
     */
    public static List<Event> parse(String journal, int year) {
        List<Event> events = new ArrayList<>();
        for (String line : journal.split("\n")) {
            line = line.stripTrailing();
            Matcher iso = ISO_LINE.matcher(line);
            Matcher shortLine = SHORT_LINE.matcher(line);
            if (iso.matches()) {
                at(iso.group(1), year, true).ifPresent(at -> events.add(event(at, iso.group(2), iso.group(3),
                        iso.group(4))));
            } else if (shortLine.matches()) {
                at(shortLine.group(1), year, false).ifPresent(at -> events.add(event(at, shortLine.group(2),
                        shortLine.group(3), shortLine.group(4))));
            }
        }
        return events;
    }

    private static Optional<Instant> at(String text, int year, boolean iso) {
        try {
            if (iso) {
                return Optional.of(OffsetDateTime.parse(text, ISO).toInstant());
            }
            return Optional.of(LocalDateTime.parse(year + " " + text, SHORT).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Event event(Instant at, String host, String daemon, String text) {
        Matcher m = SERVICE.matcher(text);
        if (m.matches()) {
            Optional<String> node = Optional.ofNullable(m.group(4)).flatMap(details -> {
                Matcher n = NODE_DETAIL.matcher(details);
                return n.find() ? Optional.of(n.group(1)) : Optional.empty();
            });
            return new Event(at, host, daemon, Kind.SERVICE_STATE, m.group(1), m.group(2), m.group(3), node, text);
        }
        m = NODE.matcher(text);
        if (m.matches()) {
            return new Event(at, host, daemon, Kind.NODE_STATE, m.group(1), m.group(2), m.group(3), Optional.empty(),
                    text);
        }
        m = FENCE_ACK.matcher(text);
        if (m.matches()) {
            return new Event(at, host, daemon, Kind.FENCE_ACKNOWLEDGED, m.group(1), "", "", Optional.empty(), text);
        }
        m = RECOVER.matcher(text);
        if (m.matches()) {
            return new Event(at, host, daemon, Kind.RECOVER, m.group(1), m.group(2), m.group(3),
                    Optional.of(m.group(3)), text);
        }
        return new Event(at, host, daemon, Kind.OTHER, "", "", "", Optional.empty(), text);
    }
}
