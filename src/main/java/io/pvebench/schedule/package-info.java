/**
 * Unattended runs: Quartz triggers from the pipelines' {@code schedule:} (cron, time zone,
 * misfire policy), never two runs on one cluster at once, a graceful end that lets the run in
 * flight finish or stop cleanly. Alone the schedule lives in memory; with a {@link
 * io.pvebench.schedule.SharedStore} several instances share it through PostgreSQL (Quartz's
 * clustered JDBC job store, the cluster locks as advisory locks), and a run whose instance died
 * is recovered by another. What a run does is not known here: a {@link
 * io.pvebench.schedule.PipelineScheduler.Launcher} runs it.
 *
 * <p>Must not import stages, SSH, Proxmox, Camel, reports or the twin.
 */
package io.pvebench.schedule;
