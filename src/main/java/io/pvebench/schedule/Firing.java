package io.pvebench.schedule;

import java.time.Instant;

/**
 * One firing of a pipeline's schedule, as the launcher gets it.
 *
 * @param scheduledFor when the schedule meant the run to start (for a recovered run: when the run that
 *                     died had been meant to start)
 * @param recovering   true when this run replaces one whose scheduler instance died during it; the run's
 *                     heal step then undoes what that run had changed on the cluster
 * @param instance     the scheduler instance that runs it
 */
public record Firing(Instant scheduledFor, boolean recovering, String instance) {

    /** One line for the console: "fired for T" or "recovering the run meant for T". */
    public String describe() {
        return (recovering ? "recovering the run meant for " : "fired for ") + scheduledFor + " on " + instance;
    }
}
