/**
 * Measurements: the metric catalog, the statistics over repetitions a pipeline can name
 * ({@link io.pvebench.measure.Statistic}), the flat {@link io.pvebench.measure.Sample}, and
 * parsers that turn real tool output (iperf3, ping, fping, stress-ng, fio, pvesh
 * {@code /cluster/resources}, Proxmox migration task logs, the application probe's curl
 * lines) into samples.
 *
 * <p>Parsers are pure functions: text and labels in, samples out; no I/O, no clock
 * (the caller passes the observation time), stateless and thread-safe. Each names the
 * tool version and the captured sample under {@code src/test/resources/outputs/} its
 * format comes from. A malformed output fails with
 * {@link io.pvebench.measure.MalformedOutputException}, a failure the tool reports
 * itself with {@link io.pvebench.measure.ToolErrorException}.
 *
 * <p>Must never import SSH ({@code io.pvebench.ssh}, JSch, sshd), Camel, reporting or
 * Proxmox code: running a tool somewhere is the caller's business. Only Jackson and
 * the JDK.
 */
package io.pvebench.measure;
