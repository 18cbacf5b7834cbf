package io.pvebench.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * A pipeline as a schedule holds it.
 *
 * @param name the pipeline's name, how the schedule knows it
 * @param file the pipeline file, as the instance that scheduled it named it
 * @param cron its Quartz cron expression
 * @param zone the time zone the expression is read in
 * @param next when it runs next; empty when the expression has no time left
 */
public record ScheduledPipeline(String name, String file, String cron, String zone, Optional<Instant> next) {

    /** "nightly (pipelines/nightly.yaml): '0 0 2 * * ?' in Europe/Berlin, next 2026-11-26T01:00:00Z". */
    public String describe() {
        return name + " (" + file + "): '" + cron + "' in " + zone + ", next "
                + next.map(Instant::toString).orElse("never (no time left in the cron expression)");
    }
}
