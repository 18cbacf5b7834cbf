/**
 * Benchmarks of pvebench's own machinery: the cluster twin at scale, and SSH fan-out
 * through {@link io.pvebench.ssh.JschRemoteShell} beside OpenSSH measured in the same run.
 *
 * <p>Belongs here: what prepares, measures and tears down one benchmark, and how its
 * figures are summarised and printed (warm-up, measured samples, median, p90/p99,
 * spread, machine facts). Benchmarks report figures and never judge them: the machine
 * is shared and noisy, so only ratios within one run mean something. Speed is never
 * asserted in a test.
 *
 * <p>May use {@code io.pvebench.ssh}, {@code io.pvebench.sim}, the exception root, the JDK
 * and MINA SSHD's key utilities. Nothing in pvebench depends on this package except the
 * command line ({@code io.pvebench.cli.BenchCommand}), which only parses options and calls it.
 */
package io.pvebench.bench;
