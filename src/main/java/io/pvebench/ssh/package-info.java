/**
 * Remote command execution over SSH: run one command on one host, get its exit code
 * and output back.
 *
 * <p>Belongs here: the {@link io.pvebench.ssh.RemoteShell} port, its JSch implementation
 * ({@link io.pvebench.ssh.JschRemoteShell}), credentials and secrets, host-key policy and
 * shell quoting. Everything here is a transport: it never interprets a command or its
 * output.
 *
 * <p>Must never import: Proxmox, pipelines, stages, Camel, Quartz or reports. Only the
 * exception root {@code io.pvebench.PvebenchException}, JSch, SLF4J and the JDK.
 */
package io.pvebench.ssh;
