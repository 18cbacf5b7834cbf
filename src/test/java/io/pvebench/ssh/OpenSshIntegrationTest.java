package io.pvebench.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JschRemoteShell against a real OpenSSH sshd, keys made by ssh-keygen, root's login shell (bash). */
@Tag("integration")
class OpenSshIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path serverDir;
    private static OpenSshServer server;

    @TempDir
    Path dir;
    private JschRemoteShell shell;

    @BeforeAll
    static void startSshd() throws Exception {
        server = OpenSshServer.start(serverDir);
    }

    @AfterAll
    static void stopSshd() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeShell() {
        if (shell != null) {
            shell.close();
        }
    }

    private JschRemoteShell shell(Path key, HostKeyPolicy policy, Path knownHosts) {
        shell = new JschRemoteShell(SshSettings.of("root", Credential.privateKey(key), knownHosts)
                .withHostKeyPolicy(policy));
        return shell;
    }

    private JschRemoteShell trustingShell(Path key) throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine());
        return shell(key, HostKeyPolicy.STRICT, knownHosts);
    }

    @Test
    void logsInWithAnEd25519KeyMadeBySshKeygen() throws Exception {
        CommandResult result = trustingShell(server.ed25519Key()).run(server.host("lab"), "id -un", TIMEOUT);

        assertThat(result.stdout()).isEqualTo("root\n");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void logsInWithAnRsaKeyMadeBySshKeygen() throws Exception {
        assertThat(trustingShell(server.rsaKey()).run(server.host("lab"), "echo rsa", TIMEOUT).stdout())
                .isEqualTo("rsa\n");
    }

    @Test
    void returnsTheRealExitCodeAndStderr() throws Exception {
        CommandResult result = trustingShell(server.ed25519Key())
                .run(server.host("lab"), "echo out; echo oops >&2; exit 3", TIMEOUT);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("oops\n");
    }

    @Test
    void runsParallelCommandsOverOneConnection() throws Exception {
        JschRemoteShell shell = trustingShell(server.ed25519Key());
        SshHost host = server.host("lab");
        // twelve: more than sshd's default MaxSessions (10), so two have to wait for a channel
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            long start = System.nanoTime();
            List<Future<CommandResult>> results = IntStream.range(0, 12)
                    .mapToObj(i -> pool.submit(() -> shell.run(host, "sleep 1; echo $PPID " + i, TIMEOUT)))
                    .toList();
            List<String> sshdPids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String[] words = results.get(i).get().stdout().trim().split(" ");
                assertThat(words[1]).isEqualTo(String.valueOf(i));
                sshdPids.add(words[0]);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            // every command's parent is the same per-connection sshd process: one session
            assertThat(sshdPids).containsOnly(sshdPids.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void abandonsSleep30AfterOneSecond() throws Exception {
        JschRemoteShell shell = trustingShell(server.ed25519Key());
        long start = System.nanoTime();

        assertThatThrownBy(() -> shell.run(server.host("lab"), server.marked("sleep 30"), Duration.ofSeconds(1)))
                .isInstanceOf(CommandTimeoutException.class)
                .hasMessageContaining("1000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aKilledConnectionIsASessionLossAndTheNextCommandReconnects() throws Exception {
        JschRemoteShell shell = trustingShell(server.ed25519Key());
        SshHost host = server.host("lab");
        long connectionPid = Long.parseLong(shell.run(host, "echo $PPID", TIMEOUT).stdout().trim());
        java.util.concurrent.CompletableFuture<CommandResult> running =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> shell.run(host, server.marked("sleep 30"), TIMEOUT));
        Thread.sleep(500);

        ProcessHandle.of(connectionPid).orElseThrow().destroyForcibly();

        assertThat(running).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat()
                .havingCause()
                .isExactlyInstanceOf(SshException.class)
                .withMessageContaining("lab")
                .withMessageContaining("lost");
        assertThat(shell.run(host, "echo back", TIMEOUT).stdout()).isEqualTo("back\n");
    }

    @Test
    void quotedWordsSurviveOpenSshAndBashUnchanged() throws Exception {
        JschRemoteShell shell = trustingShell(server.ed25519Key());
        for (String value : ShellQuoteTest.TRICKY) {
            CommandResult result = shell.run(server.host("lab"), ShellQuote.command("printf", "%s\\n", value), TIMEOUT);

            assertThat(result.stdout()).as("round trip of [%s]", value).isEqualTo(value + "\n");
        }
    }

    @Test
    void strictChecksTheHostKeyAgainstKnownHostsWrittenFromTheHostKeyFile() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine());

        assertThat(shell(server.ed25519Key(), HostKeyPolicy.STRICT, knownHosts)
                .run(server.host("lab"), "echo verified", TIMEOUT).stdout()).isEqualTo("verified\n");
    }

    @Test
    void strictRefusesTheServerWhenKnownHostsIsEmpty() {
        Path knownHosts = dir.resolve("known_hosts");

        assertThatThrownBy(() -> shell(server.ed25519Key(), HostKeyPolicy.STRICT, knownHosts)
                .run(server.host("lab"), "true", TIMEOUT))
                .isInstanceOf(HostKeyException.class)
                .hasMessageContaining("ssh-keyscan -p " + server.port() + " 127.0.0.1 >> " + knownHosts.toAbsolutePath());
    }

    @Test
    void acceptNewRecordsTheRealHostKey() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");

        shell(server.ed25519Key(), HostKeyPolicy.ACCEPT_NEW, knownHosts).run(server.host("lab"), "true", TIMEOUT);

        assertThat(Files.readString(knownHosts)).isEqualTo(server.knownHostsLine());
    }
}
