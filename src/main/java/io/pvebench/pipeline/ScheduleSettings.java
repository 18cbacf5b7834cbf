package io.pvebench.pipeline;

import java.time.ZoneId;
import java.util.Objects;

/**
 * A pipeline's {@code schedule:}: when {@code pvebench schedule} runs it.
 *
 * @param cron    a Quartz cron expression (seconds first: {@code 0 0 2 * * ?} is 02:00 every day)
 * @param zone    the time zone the expression is read in
 * @param misfire what to do when a run was missed (the scheduler was down, or the cluster busy)
 */
public record ScheduleSettings(String cron, ZoneId zone, Misfire misfire) {

    /** What a missed run becomes. */
    public enum Misfire {
        /** Run once as soon as possible, however many were missed. */
        RUN_ONCE,
        /** Wait for the next time the expression names. */
        SKIP
    }

    public ScheduleSettings {
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(misfire, "misfire");
    }
}
