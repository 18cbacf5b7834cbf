package io.pvebench.sim.command;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * GNU coreutils {@code date} on a node, reading the twin's model clock: no argument
 * prints {@code Wed Nov 25 10:51:55 UTC 2026} (the nodes run in UTC); {@code +FORMAT}
 * knows {@code %s} (epoch seconds), {@code %N} (nanoseconds), {@code %Y %m %d %H %M %S},
 * {@code %z} and {@code %%}; {@code -u} changes nothing (UTC already). Anything else is
 * refused the way coreutils refuses it.
 */
final class DateCommand implements Program {

    private static final DateTimeFormatter DEFAULT = DateTimeFormatter
            .ofPattern("EEE MMM ppd HH:mm:ss 'UTC' yyyy", Locale.US);

    @Override
    public Reply run(Invocation inv) {
        Instant now = inv.model().clock().now();
        String format = null;
        for (String arg : inv.args()) {
            if (arg.equals("-u") || arg.equals("--utc")) {
                continue;
            }
            if (arg.startsWith("+") && format == null) {
                format = arg.substring(1);
                continue;
            }
            if (arg.startsWith("-")) {
                return Reply.error("date: invalid option -- '" + arg.substring(1) + "'\n"
                        + "Try 'date --help' for more information.\n", 1);
            }
            return Reply.error("date: invalid date '" + arg + "'\n", 1);
        }
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        return Reply.ok((format == null ? DEFAULT.format(t) : format(format, now, t)) + "\n");
    }

    private static String format(String format, Instant now, ZonedDateTime t) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char spec = format.charAt(++i);
            switch (spec) {
                case 's' -> out.append(now.getEpochSecond());
                case 'N' -> out.append(String.format(Locale.ROOT, "%09d", now.getNano()));
                case 'Y' -> out.append(t.getYear());
                case 'm' -> out.append(String.format(Locale.ROOT, "%02d", t.getMonthValue()));
                case 'd' -> out.append(String.format(Locale.ROOT, "%02d", t.getDayOfMonth()));
                case 'H' -> out.append(String.format(Locale.ROOT, "%02d", t.getHour()));
                case 'M' -> out.append(String.format(Locale.ROOT, "%02d", t.getMinute()));
                case 'S' -> out.append(String.format(Locale.ROOT, "%02d", t.getSecond()));
                case 'z' -> out.append("+0000");
                case '%' -> out.append('%');
                // coreutils prints an unknown conversion as written
                default -> out.append('%').append(spec);
            }
        }
        return out.toString();
    }
}
