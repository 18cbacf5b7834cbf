package io.pvebench.sim.command;

import io.pvebench.sim.model.Journal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code journalctl [-u UNIT]... [--since T] [--until T] [-n N] [--no-pager] [-q]
 * [-o short|short-iso|cat]} over the node's journal (systemd 252/257). {@code short}:
 * {@code %b %d %H:%M:%S host ident[pid]: message} in the node's zone (UTC);
 * {@code short-iso}: {@code 2026-11-25T08:00:00+00:00} instead of the first three columns
 * (the offset form of newer systemd; not checked against 252); nothing matched prints
 * {@code -- No entries --}. Times: {@code YYYY-MM-DD[ HH:MM[:SS]]}, {@code today},
 * {@code yesterday}, {@code now}, {@code @EPOCH}, {@code -5min}/{@code 5 min ago}
 * (s, sec, min, m, h, hour, d, day); unparsable: {@code Failed to parse timestamp: X},
 * exit 1.
 */
final class Journalctl implements Program {

    private static final DateTimeFormatter SHORT =
            DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.US).withZone(ZoneOffset.UTC);
    private static final Pattern RELATIVE =
            Pattern.compile("-?([0-9]+) ?(s|sec|second|seconds|m|min|minute|minutes|h|hour|hours|d|day|days)( ago)?");

    @Override
    public Reply run(Invocation inv) {
        List<String> units = new ArrayList<>();
        Instant since = null;
        Instant until = null;
        Integer lines = null;
        String output = "short";
        Instant now = inv.model().clock().now();
        List<String> args = inv.args();
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                String value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    value = a.substring(eq + 1);
                    a = a.substring(0, eq);
                }
                switch (a) {
                    case "--no-pager", "-q", "--quiet", "--no-hostname", "-a", "--all" -> { }
                    case "-u", "--unit" -> units.add(unit(value != null ? value : args.get(++i)));
                    case "-S", "--since" -> since = time(value != null ? value : args.get(++i), now);
                    case "-U", "--until" -> until = time(value != null ? value : args.get(++i), now);
                    case "-o", "--output" -> output = value != null ? value : args.get(++i);
                    case "-n", "--lines" -> lines = Integer.parseInt(value != null ? value : args.get(++i));
                    default -> {
                        if (a.matches("-n[0-9]+")) {
                            lines = Integer.parseInt(a.substring(2));
                        } else if (a.matches("-u.+")) {
                            units.add(unit(a.substring(2)));
                        } else {
                            return Reply.error("journalctl: unrecognized option '" + a + "'\n", 1);
                        }
                    }
                }
            }
        } catch (IndexOutOfBoundsException e) {
            return Reply.error("journalctl: option requires an argument\n", 1);
        } catch (NumberFormatException e) {
            return Reply.error("Failed to parse lines '" + e.getMessage() + "'\n", 1);
        } catch (IllegalArgumentException e) {
            return Reply.error(e.getMessage(), 1);
        }
        if (!List.of("short", "short-iso", "cat").contains(output)) {
            return Reply.error("Unknown output format '" + output + "'.\n", 1);
        }
        List<Journal.Entry> selected = new ArrayList<>();
        for (Journal.Entry e : inv.model().journal(inv.node().name(), null)) {
            if ((units.isEmpty() || units.contains(e.unit()))
                    && (since == null || !e.time().isBefore(since))
                    && (until == null || !e.time().isAfter(until))) {
                selected.add(e);
            }
        }
        if (lines != null && selected.size() > lines) {
            selected = selected.subList(selected.size() - lines, selected.size());
        }
        if (selected.isEmpty()) {
            return Reply.ok("-- No entries --\n");
        }
        StringBuilder out = new StringBuilder();
        for (Journal.Entry e : selected) {
            if (output.equals("cat")) {
                out.append(e.message()).append('\n');
                continue;
            }
            out.append(output.equals("short") ? SHORT.format(e.time()) : ISO.format(e.time()))
                    .append(' ').append(e.node()).append(' ').append(e.identifier()).append('[').append(e.pid())
                    .append("]: ").append(e.message()).append('\n');
        }
        return Reply.ok(out.toString());
    }

    private static String unit(String name) {
        return name.endsWith(".service") ? name.substring(0, name.length() - ".service".length()) : name;
    }

    static Instant time(String text, Instant now) {
        String t = text.trim();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        switch (t) {
            case "now" -> {
                return now;
            }
            case "today" -> {
                return today.atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            case "yesterday" -> {
                return today.minusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            default -> {
            }
        }
        if (t.startsWith("@") && t.substring(1).matches("[0-9]+")) {
            return Instant.ofEpochSecond(Long.parseLong(t.substring(1)));
        }
        Matcher m = RELATIVE.matcher(t);
        if (m.matches() && (t.startsWith("-") || m.group(3) != null)) {
            long n = Long.parseLong(m.group(1));
            ChronoUnit unit = switch (m.group(2).charAt(0)) {
                case 's' -> ChronoUnit.SECONDS;
                case 'm' -> ChronoUnit.MINUTES;
                case 'h' -> ChronoUnit.HOURS;
                default -> ChronoUnit.DAYS;
            };
            return now.minus(Duration.of(n, unit));
        }
        try {
            if (t.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (t.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}")) {
                return LocalDateTime.parse(t.replace(' ', 'T') + ":00").toInstant(ZoneOffset.UTC);
            }
            if (t.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}")) {
                return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            // fall through to journalctl's error
        }
        throw new IllegalArgumentException("Failed to parse timestamp: " + text + "\n");
    }
}
