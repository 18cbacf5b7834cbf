/**
 * Unattended runs: Quartz triggers from the pipelines' {@code schedule:} (cron, time zone,
 * misfire policy), never two runs on one cluster at once, a graceful end that lets the run in
 * flight finish or stop cleanly. What a run does is not known here: a {@link
 * io.pvebench.schedule.PipelineScheduler.Launcher} runs it.
 */
package io.pvebench.schedule;
