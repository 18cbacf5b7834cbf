package io.pvebench.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Host-key checking of JschRemoteShell under each HostKeyPolicy, against MINA SSHD. */
class HostKeyVerificationTest {

    private static final String PASSWORD = "pw";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static KeyPair hostKey;
    private static KeyPair otherHostKey;

    @TempDir
    Path dir;
    private Path knownHosts;
    private MinaSshServer server;
    private SshHost host;

    @BeforeAll
    static void generateKeys() {
        hostKey = TestKeys.hostKey(KeyPairProvider.SSH_ED25519, 256);
        otherHostKey = TestKeys.hostKey(KeyPairProvider.SSH_ED25519, 256);
    }

    @BeforeEach
    void start() {
        server = new MinaSshServer(hostKey, PASSWORD, List.of()).start();
        host = server.host("pve1");
        knownHosts = dir.resolve("ssh").resolve("known_hosts");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CommandResult runWith(HostKeyPolicy policy) {
        SshSettings settings = SshSettings.of("root", Credential.password(Secret.of(PASSWORD)), knownHosts)
                .withHostKeyPolicy(policy);
        try (JschRemoteShell shell = new JschRemoteShell(settings)) {
            return shell.run(host, "echo ok", TIMEOUT);
        }
    }

    @Test
    void strictIsTheDefaultPolicy() {
        assertThat(SshSettings.of("root", Credential.password(Secret.of(PASSWORD)), knownHosts).hostKeyPolicy())
                .isEqualTo(HostKeyPolicy.STRICT);
    }

    @Test
    void strictAcceptsAHostWhoseKeyIsInKnownHosts() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        TestKeys.write(knownHosts, "# cluster lab\n" + server.knownHostsLine());

        assertThat(runWith(HostKeyPolicy.STRICT).stdout()).isEqualTo("ok\n");
    }

    @Test
    void strictRejectsAnUnknownHostSayingWhichHostWhichFileAndHowToFixIt() {
        int port = server.port();

        assertThatThrownBy(() -> runWith(HostKeyPolicy.STRICT))
                .isInstanceOf(HostKeyException.class)
                .hasMessageContaining("pve1 (127.0.0.1:" + port + ")")
                .hasMessageContaining("[127.0.0.1]:" + port + " is not in " + knownHosts.toAbsolutePath())
                .hasMessageContaining("ssh-keyscan -p " + port + " 127.0.0.1 >> " + knownHosts.toAbsolutePath())
                .hasMessageContaining("hostKeys: accept-new")
                .hasMessageContaining("SHA256:");
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void aKeyRecordedForTheBareHostAlsoVouchesForItsOtherPorts() throws Exception {
        // JSch's rule, laxer than OpenSSH's: the same key was already trusted for this address
        Files.createDirectories(knownHosts.getParent());
        TestKeys.write(knownHosts, server.knownHostsLine().replace("[127.0.0.1]:" + server.port(), "127.0.0.1"));

        assertThat(runWith(HostKeyPolicy.STRICT).stdout()).isEqualTo("ok\n");
    }

    @Test
    void aDifferentKeyRecordedForTheBareHostCountsAsChanged() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        String recorded = new MinaSshServer(otherHostKey, PASSWORD, List.of()).knownHostsLine()
                .replace("[127.0.0.1]:0", "127.0.0.1");
        TestKeys.write(knownHosts, recorded);

        assertThatThrownBy(() -> runWith(HostKeyPolicy.ACCEPT_NEW)).isInstanceOf(HostKeyException.class)
                .hasMessageContaining("HOST KEY CHANGED");
    }

    @Test
    void acceptNewAddsAnUnknownHostToTheFileSoStrictTrustsItLater() throws Exception {
        assertThat(runWith(HostKeyPolicy.ACCEPT_NEW).stdout()).isEqualTo("ok\n");

        assertThat(Files.readString(knownHosts)).isEqualTo(server.knownHostsLine());
        assertThat(runWith(HostKeyPolicy.STRICT).stdout()).isEqualTo("ok\n");
        assertThat(Files.readAllLines(knownHosts)).hasSize(1);
    }

    @Test
    void acceptNewAppendsWithoutTouchingExistingEntries() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        String existing = "# hand-written\nother.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPTa9Twp3ofb3jc0TElIkw6y+6ThgsL6r1Dtk3fHb5Bh";
        TestKeys.write(knownHosts, existing);

        runWith(HostKeyPolicy.ACCEPT_NEW);

        assertThat(Files.readString(knownHosts)).isEqualTo(existing + "\n" + server.knownHostsLine());
    }

    @Test
    void aChangedHostKeyIsRejectedLoudlyEvenUnderAcceptNew() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        String recorded = new MinaSshServer(otherHostKey, PASSWORD, List.of()).knownHostsLine()
                .replace("[127.0.0.1]:0", "[127.0.0.1]:" + server.port());
        TestKeys.write(knownHosts, recorded);

        assertThatThrownBy(() -> runWith(HostKeyPolicy.ACCEPT_NEW))
                .isInstanceOf(HostKeyException.class)
                .hasMessageContaining("HOST KEY CHANGED for pve1")
                .hasMessageContaining("man-in-the-middle")
                .hasMessageContaining("ssh-keygen -R '[127.0.0.1]:" + server.port() + "' -f " + knownHosts.toAbsolutePath());
        assertThat(Files.readString(knownHosts)).isEqualTo(recorded);
    }

    @ParameterizedTest(name = "{0} host key")
    @CsvSource({"ecdsa-sha2-nistp256, 256", "ecdsa-sha2-nistp384, 384", "ssh-rsa, 2048"})
    void acceptsEcdsaAndRsaHostKeys(String type, int bits) throws Exception {
        server.close();
        server = new MinaSshServer(TestKeys.hostKey(type, bits), PASSWORD, List.of()).start();
        host = server.host("pve1");
        Files.createDirectories(knownHosts.getParent());
        TestKeys.write(knownHosts, server.knownHostsLine());

        assertThat(runWith(HostKeyPolicy.STRICT).stdout()).isEqualTo("ok\n");
    }
}
