package io.pvebench.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.KeyPair;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JschRemoteShell against an in-process MINA SSHD server. */
class JschRemoteShellTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path keys;
    private static java.security.KeyPair hostKey;
    private static TestKeys.UserKey ed25519;
    private static TestKeys.UserKey rsa;
    private static TestKeys.UserKey ed25519WithPassphrase;

    @TempDir
    Path dir;
    private MinaSshServer server;
    private SshHost host;
    private Path knownHosts;
    private JschRemoteShell shell;

    @BeforeAll
    static void generateKeys() throws Exception {
        hostKey = TestKeys.hostKey(KeyPairProvider.SSH_ED25519, 256);
        ed25519 = TestKeys.userKey(keys, "id_ed25519", KeyPair.ED25519, 256, null);
        rsa = TestKeys.userKey(keys, "id_rsa", KeyPair.RSA, 2048, null);
        ed25519WithPassphrase = TestKeys.userKey(keys, "id_ed25519_pass", KeyPair.ED25519, 256, "open sesame");
    }

    @BeforeEach
    void startServer() {
        server = new MinaSshServer(hostKey, PASSWORD,
                List.of(ed25519.publicKey(), rsa.publicKey(), ed25519WithPassphrase.publicKey())).start();
        host = server.host("pve1");
        knownHosts = dir.resolve("known_hosts");
        TestKeys.write(knownHosts, server.knownHostsLine());
    }

    @AfterEach
    void stop() {
        if (shell != null) {
            shell.close();
        }
        server.close();
    }

    private JschRemoteShell shell(Credential credential) {
        shell = new JschRemoteShell(SshSettings.of("root", credential, knownHosts));
        return shell;
    }

    private JschRemoteShell passwordShell() {
        return shell(Credential.password(Secret.of(PASSWORD)));
    }

    @Test
    void runsACommandWithPasswordLogin() {
        CommandResult result = passwordShell().run(host, "echo hello", TIMEOUT);

        assertThat(result.host()).isEqualTo("pve1");
        assertThat(result.command()).isEqualTo("echo hello");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("hello\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.elapsed()).isPositive();
    }

    @Test
    void logsInWithAnEd25519KeyInOpenSshFormat() {
        assertThat(shell(Credential.privateKey(ed25519.privateKey())).run(host, "echo ed", TIMEOUT).stdout())
                .isEqualTo("ed\n");
    }

    @Test
    void logsInWithAnRsaKeyInOpenSshFormat() {
        assertThat(shell(Credential.privateKey(rsa.privateKey())).run(host, "echo rsa", TIMEOUT).stdout())
                .isEqualTo("rsa\n");
    }

    @Test
    void logsInWithAPassphraseProtectedKey() {
        Credential key = Credential.privateKey(ed25519WithPassphrase.privateKey(), Secret.of("open sesame"));

        assertThat(shell(key).run(host, "echo locked", TIMEOUT).stdout()).isEqualTo("locked\n");
    }

    @Test
    void aWrongPassphraseFailsBeforeAnyHostIsContacted() {
        Credential key = Credential.privateKey(ed25519WithPassphrase.privateKey(), Secret.of("not it"));

        assertThatThrownBy(() -> shell(key))
                .isInstanceOf(SshException.class)
                .hasMessageContaining(ed25519WithPassphrase.privateKey().toString())
                .hasMessageNotContaining("not it");
        assertThat(server.sessionsOpened()).isZero();
    }

    @Test
    void anEncryptedKeyWithoutPassphraseFailsBeforeAnyHostIsContacted() {
        assertThatThrownBy(() -> shell(Credential.privateKey(ed25519WithPassphrase.privateKey())))
                .isInstanceOf(SshException.class)
                .hasMessageContaining(ed25519WithPassphrase.privateKey().toString())
                .hasMessageContaining("encrypted");
    }

    @Test
    void aMissingKeyFileFailsNamingTheFile() {
        Path missing = dir.resolve("no_such_key");

        assertThatThrownBy(() -> shell(Credential.privateKey(missing)))
                .isInstanceOf(SshException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void returnsANonZeroExitCodeAndStderrAsData() {
        CommandResult result = passwordShell().run(host, "echo out; echo err >&2; exit 3", TIMEOUT);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
    }

    @Test
    void decodesOutputAsUtf8() {
        assertThat(passwordShell().run(host, "printf 'Grüße ✓\\n'", TIMEOUT).stdout()).isEqualTo("Grüße ✓\n");
    }

    @Test
    void readsLargeOutputOnBothStreamsAtOnceWithoutDeadlock() {
        CommandResult result = passwordShell().run(host,
                "yes abcdefg | head -n 300000 >&2 & yes 0123456 | head -n 300000; wait", TIMEOUT);

        assertThat(result.stdout()).hasSize(300_000 * 8);
        assertThat(result.stderr()).hasSize(300_000 * 8);
    }

    @Test
    void aCommandReadingStdinSeesEndOfInputInsteadOfHanging() {
        CommandResult result = passwordShell().run(host, "cat; echo done", Duration.ofSeconds(5));

        assertThat(result.stdout()).isEqualTo("done\n");
    }

    @Test
    void quotedWordsReachTheRemoteCommandUnchanged() {
        List<String> words = new java.util.ArrayList<>(List.of("printf", "%s\\0"));
        words.addAll(ShellQuoteTest.TRICKY);

        CommandResult result = passwordShell().run(host, ShellQuote.command(words), TIMEOUT);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout().split("\0", -1)).containsExactlyElementsOf(withEmptyTail(ShellQuoteTest.TRICKY));
    }

    /** printf ends every value with NUL, so splitting leaves one empty string after the last. */
    static List<String> withEmptyTail(List<String> values) {
        List<String> expected = new java.util.ArrayList<>(values);
        expected.add("");
        return expected;
    }

    @Test
    void runsParallelCommandsOnOneHostOverOneSession() throws Exception {
        JschRemoteShell shell = passwordShell();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            long start = System.nanoTime();
            List<Future<CommandResult>> results = IntStream.range(0, 8)
                    .mapToObj(i -> pool.submit(() -> shell.run(host, "sleep 1; echo " + i, TIMEOUT)))
                    .toList();
            for (int i = 0; i < 8; i++) {
                assertThat(results.get(i).get().stdout()).isEqualTo(i + "\n");
            }
            // eight one-second commands one after another would take eight seconds
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.sessionsOpened()).isEqualTo(1);
    }

    @Test
    void queuesCommandsBeyondTenChannelsInsteadOfFailing() throws Exception {
        JschRemoteShell shell = passwordShell();
        ExecutorService pool = Executors.newFixedThreadPool(15);
        try {
            List<Future<CommandResult>> results = IntStream.range(0, 15)
                    .mapToObj(i -> pool.submit(() -> shell.run(host, "sleep 0.5; echo " + i, TIMEOUT)))
                    .toList();
            for (int i = 0; i < 15; i++) {
                assertThat(results.get(i).get().stdout()).isEqualTo(i + "\n");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.mostCommandsAtOnce()).isEqualTo(10);
        assertThat(server.sessionsOpened()).isEqualTo(1);
    }

    @Test
    void waitingForAFreeChannelCountsAgainstTheTimeout() throws Exception {
        JschRemoteShell shell = passwordShell();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            IntStream.range(0, 10).forEach(i -> pool.submit(() -> shell.run(host, "sleep 3", TIMEOUT)));
            sleep(1000);

            assertThatThrownBy(() -> shell.run(host, "true", Duration.ofMillis(300)))
                    .isInstanceOf(CommandTimeoutException.class);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reusesTheSessionForLaterCommands() {
        JschRemoteShell shell = passwordShell();
        shell.run(host, "true", TIMEOUT);
        shell.run(host, "true", TIMEOUT);
        shell.run(host, "true", TIMEOUT);

        assertThat(server.sessionsOpened()).isEqualTo(1);
    }

    @Test
    void keepsOneSessionPerHostName() {
        JschRemoteShell shell = passwordShell();
        shell.run(server.host("pve1"), "true", TIMEOUT);
        shell.run(server.host("pve2"), "true", TIMEOUT);
        shell.run(server.host("pve1"), "true", TIMEOUT);

        assertThat(server.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void abandonsACommandThatOutlivesItsTimeout() {
        JschRemoteShell shell = passwordShell();
        long start = System.nanoTime();

        assertThatThrownBy(() -> shell.run(host, "sleep 30", Duration.ofMillis(500)))
                .isInstanceOf(CommandTimeoutException.class)
                .hasMessageContaining("pve1")
                .hasMessageContaining("500 ms")
                .hasMessageContaining("sleep 30");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(shell.run(host, "echo still usable", TIMEOUT).stdout()).isEqualTo("still usable\n");
    }

    @Test
    void aServerStoppedMidCommandIsASessionLossNamingTheHost() {
        JschRemoteShell shell = passwordShell();
        shell.run(host, "true", TIMEOUT);
        CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(() -> shell.run(host, "sleep 30", TIMEOUT));
        sleep(500);

        server.close();

        assertThat(running).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat()
                .havingCause()
                .isExactlyInstanceOf(SshException.class)
                .withMessageContaining("pve1")
                .withMessageContaining("lost");
    }

    @Test
    void replacesALostSessionOnTheNextCommand() {
        JschRemoteShell shell = passwordShell();
        shell.run(host, "true", TIMEOUT);

        server.dropSessions();
        sleep(200);

        assertThat(shell.run(host, "echo again", TIMEOUT).stdout()).isEqualTo("again\n");
        assertThat(server.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void aRefusedConnectionNamesTheHost() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SshHost nobody = new SshHost("pve9", "127.0.0.1", closedPort);

        assertThatThrownBy(() -> passwordShell().run(nobody, "true", TIMEOUT))
                .isInstanceOf(SshException.class)
                .hasMessageContaining("cannot connect to pve9 (127.0.0.1:" + closedPort + ")");
    }

    @Test
    void aHostThatAcceptsButNeverSpeaksSshFailsAfterTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            SshHost mute = new SshHost("pve8", "127.0.0.1", silent.getLocalPort());
            shell = new JschRemoteShell(SshSettings.of("root", Credential.password(Secret.of(PASSWORD)), knownHosts)
                    .withConnectTimeout(Duration.ofMillis(500)));
            long start = System.nanoTime();

            assertThatThrownBy(() -> shell.run(mute, "true", TIMEOUT))
                    .isInstanceOf(SshException.class)
                    .hasMessageContaining("pve8")
                    .hasMessageContaining("500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureWithoutThePassword() {
        shell = shell(Credential.password(Secret.of("wrong-password-123")));

        assertThatThrownBy(() -> shell.run(host, "true", TIMEOUT))
                .isInstanceOf(SshException.class)
                .hasMessageContaining("authentication failed for user root on pve1")
                .hasMessageNotContaining("wrong-password-123");
    }

    @Test
    void refusesACommandAfterClose() {
        JschRemoteShell shell = passwordShell();
        shell.close();

        assertThatThrownBy(() -> shell.run(host, "true", TIMEOUT)).isInstanceOf(IllegalStateException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
