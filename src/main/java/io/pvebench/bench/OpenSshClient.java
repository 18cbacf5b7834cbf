package io.pvebench.bench;

import io.pvebench.ssh.SshHost;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference client: one plain {@code ssh} process per command, either connecting
 * afresh or through a ControlMaster connection. Host keys are checked strictly against
 * the given known_hosts file; no user or system configuration, agent or prompt is used.
 * Output is discarded and errors are appended to a per-host log in {@code dir}, so no
 * pipe can hold a process (or a backgrounded master) up. Thread-safe.
 */
final class OpenSshClient {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path key;
    private final Path knownHosts;
    private final Path dir;
    private final String kex;

    /** @param kex value for {@code KexAlgorithms}, or empty for OpenSSH's default */
    OpenSshClient(Path key, Path knownHosts, Path dir, String kex) {
        this.key = key;
        this.knownHosts = knownHosts;
        this.dir = dir;
        this.kex = kex;
    }

    /** A fresh connection: key exchange, host-key check and login, then {@code command}. */
    void cold(SshHost host, String command) {
        run(host, withCommand(args(host, List.of()), command));
    }

    /** Through the host's master connection (made now if there is none, kept 60 s after the last use). */
    void multiplexed(SshHost host, String command) {
        run(host, withCommand(args(host, List.of("-o", "ControlMaster=auto", "-o", "ControlPath=" + controlPath(),
                "-o", "ControlPersist=60")), command));
    }

    /**
     * Makes the host's master connection and returns once it is up: {@code ssh -f -N} with
     * {@code ControlMaster=yes} goes to the background after login and stays as the master.
     */
    void startMaster(SshHost host) {
        run(host, args(host, List.of("-f", "-N", "-o", "ControlMaster=yes", "-o", "ControlPath=" + controlPath(),
                "-o", "ControlPersist=60")));
    }

    /** Asks the master of {@code host} to exit; best effort. */
    void stopMaster(SshHost host) {
        List<String> args = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-o", "ControlPath=" + controlPath(),
                "-O", "exit", "-p", String.valueOf(host.port()), "root@" + host.address()));
        try {
            Process p = new ProcessBuilder(args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            // the master exits by itself ControlPersist seconds after its last use
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // %C is a hash of host, port and user: short enough for a socket path, one per node
    private String controlPath() {
        return dir.resolve("cm-%C").toString();
    }

    /** {@code ssh}, its options and the destination; no command yet. */
    private List<String> args(SshHost host, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-i", key.toString(),
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "UpdateHostKeys=no", "-o", "LogLevel=ERROR",
                "-o", "ConnectTimeout=30"));
        if (!kex.isEmpty()) {
            args.addAll(List.of("-o", "KexAlgorithms=" + kex));
        }
        args.addAll(extra);
        args.addAll(List.of("-p", String.valueOf(host.port()), "root@" + host.address()));
        return args;
    }

    private static List<String> withCommand(List<String> args, String command) {
        List<String> all = new ArrayList<>(args);
        all.add(command);
        return all;
    }

    private void run(SshHost host, List<String> args) {
        Path log = dir.resolve(host.name() + ".log");
        Process p;
        try {
            p = new ProcessBuilder(args).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new BenchmarkException("cannot start ssh: " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BenchmarkException("ssh to " + host + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted while ssh to " + host + " ran", e);
        }
        if (p.exitValue() != 0) {
            String why = tail(log);
            throw new BenchmarkException("ssh to " + host + " exited " + p.exitValue() + ": "
                    + (why.isEmpty() ? "(no message at LogLevel=ERROR)" : why));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
