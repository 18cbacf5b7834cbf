/**
 * A case's timeline: its time series (metrics sampled many times in one case, such as
 * {@code throughput_interval}, {@code rtt} or {@code node_cpu}) and its phases, written as
 * a CSV and drawn as PNG charts with the phases shaded, for the run folder and the report.
 *
 * <p>The only package that knows JFreeChart. Like the rest of {@code report}, it must not
 * import SSH, Proxmox, stages, Camel or the twin: everything it shows comes from
 * {@code run} records.
 */
package io.pvebench.report.timeline;
