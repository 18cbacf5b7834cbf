package io.pvebench.measure;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Linux host's {@code /proc/loadavg}: the run queue averaged over 1, 5 and 15 minutes (tasks
 * running or waiting for a CPU, and tasks in uninterruptible sleep, mostly disk waits), and at
 * the instant read the runnable tasks and all tasks. On a Proxmox node every busy vCPU thread
 * is one runnable task, so a one-minute average above the node's CPU count means guests wait
 * for CPU time there: what a node's {@code cpu} usage, capped at 100 %, cannot show.
 *
 * @param oneMinute      1-minute average
 * @param fiveMinutes    5-minute average
 * @param fifteenMinutes 15-minute average
 * @param runnable       tasks runnable when read
 * @param tasks          tasks in all when read
 */
public record LoadAverage(double oneMinute, double fiveMinutes, double fifteenMinutes, int runnable, int tasks) {

    // the kernel prints "%lu.%02lu %lu.%02lu %lu.%02lu %u/%d %d" (fs/proc/loadavg.c)
    private static final Pattern LINE = Pattern.compile(
            "(\\d+\\.\\d{2}) (\\d+\\.\\d{2}) (\\d+\\.\\d{2}) (\\d+)/(\\d+) \\d+");

    public LoadAverage {
        if (!(oneMinute >= 0 && fiveMinutes >= 0 && fifteenMinutes >= 0) || runnable < 0 || tasks < 0) {
            throw new IllegalArgumentException("load averages and task counts are at least 0");
        }
    }

    /**
     * Reads {@code /proc/loadavg} as the kernel prints it.
     *
     * @throws IllegalArgumentException naming what was read when it is not that line
     */
    public static LoadAverage parse(String text) {
        Matcher m = LINE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a /proc/loadavg line: '" + text.strip() + "'");
        }
        return new LoadAverage(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
    }

    /** The three averages as {@code uptime} shows them. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f %.2f %.2f", oneMinute, fiveMinutes, fifteenMinutes);
    }
}
