package io.pvebench.ssh;

import io.pvebench.testsupport.RequiredTools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH sshd on 127.0.0.1 for integration tests, in a directory of its own:
 * its own ed25519 host key, ed25519 and RSA user keys made by {@code ssh-keygen}, root
 * login by key only. Needs root and openssh-server; a test that builds one is skipped
 * (or failed under {@code PVEBENCH_REQUIRE_TOOLS=1}) when either is missing.
 */
final class OpenSshServer implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(15);

    private final Path dir;
    private final int port;
    private final String marker = "pvebench-ssh-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final Process process;

    private OpenSshServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static OpenSshServer start(Path dir) throws Exception {
        Path sshd = RequiredTools.require("sshd", "openssh-server");
        RequiredTools.require("ssh-keygen", "openssh-client");
        RequiredTools.requireRoot("sshd switches to the logged-in user and needs /run/sshd");
        keygen(dir.resolve("host_ed25519"), "ed25519");
        keygen(dir.resolve("id_ed25519"), "ed25519");
        keygen(dir.resolve("id_rsa"), "rsa", "-b", "3072");
        Files.writeString(dir.resolve("authorized_keys"),
                Files.readString(dir.resolve("id_ed25519.pub")) + Files.readString(dir.resolve("id_rsa.pub")));
        // privilege separation directory; Debian creates it only when the service starts
        Files.createDirectories(Path.of("/run/sshd"));
        int port = freePort();
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "ListenAddress 127.0.0.1",
                "Port " + port,
                "HostKey " + dir.resolve("host_ed25519"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PidFile " + dir.resolve("sshd.pid"),
                "UsePAM no",
                "StrictModes no",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "LogLevel VERBOSE",
                ""));
        Process process = new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
        OpenSshServer server = new OpenSshServer(dir, port, process);
        server.awaitListening();
        return server;
    }

    private static void keygen(Path file, String type, String... extra) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C",
                file.getFileName().toString(), "-f", file.toString()));
        command.addAll(List.of(extra));
        Process keygen = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keygen.getInputStream().readAllBytes());
        if (!keygen.waitFor(60, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
            throw new IllegalStateException("ssh-keygen failed for " + file + ": " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited with " + process.exitValue() + ": " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("sshd did not listen on port " + port + " within " + STARTUP + ": " + log());
    }

    SshHost host(String name) {
        return new SshHost(name, "127.0.0.1", port);
    }

    int port() {
        return port;
    }

    Path ed25519Key() {
        return dir.resolve("id_ed25519");
    }

    Path rsaKey() {
        return dir.resolve("id_rsa");
    }

    /** A known_hosts line for this server, written from its host key file as OpenSSH would. */
    String knownHostsLine() throws IOException {
        String[] publicKey = Files.readString(dir.resolve("host_ed25519.pub")).trim().split(" ");
        return "[127.0.0.1]:" + port + " " + publicKey[0] + " " + publicKey[1] + "\n";
    }

    /**
     * {@code command} (one simple command) run under a name unique to this server, so
     * {@link #close()} can end it: sshd leaves a timed-out root command running, orphaned.
     */
    String marked(String command) {
        return "exec -a " + marker + " " + command;
    }

    /** Reads /proc: ProcessHandle.Info leaves out argv[0], where the marker is. */
    private boolean isMarked(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline")).startsWith(marker);
        } catch (IOException | java.io.UncheckedIOException gone) {
            return false;
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("sshd.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        // per-connection children outlive the listener; end them and orphaned commands too
        process.descendants().forEach(ProcessHandle::destroy);
        ProcessHandle.allProcesses().filter(this::isMarked).forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
