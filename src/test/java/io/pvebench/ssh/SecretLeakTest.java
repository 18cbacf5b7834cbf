package io.pvebench.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A password from the environment shows up in no log line (at TRACE) and no exception. */
class SecretLeakTest {

    private static final String PASSWORD = "Pa55-w0rd-not-for-logs";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    // loggers a logback-test.xml might turn down; all are opened up to TRACE for the test
    private static final List<String> LOGGERS = List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "io.pvebench",
            "io.pvebench.ssh", "io.pvebench.ssh.jsch", "com.jcraft", "org.apache.sshd");

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Map<String, Level> previousLevels = new java.util.HashMap<>();
    private MinaSshServer server;
    private Path knownHosts;
    private ch.qos.logback.core.Appender<ILoggingEvent> console;

    @BeforeEach
    void captureEverything() {
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            previousLevels.put(name, logger.getLevel());
            logger.setLevel(Level.TRACE);
        }
        // keep TRACE out of the build's console (logback-test.xml's appender); the capture sees it all
        console = root.getAppender("STDERR");
        if (console != null) {
            root.detachAppender(console);
        }
        captured.start();
        root.addAppender(captured);
        server = new MinaSshServer(TestKeys.hostKey(KeyPairProvider.SSH_ED25519, 256), PASSWORD, List.of()).start();
        knownHosts = dir.resolve("known_hosts");
        TestKeys.write(knownHosts, server.knownHostsLine());
    }

    @AfterEach
    void restore() {
        server.close();
        root.detachAppender(captured);
        if (console != null) {
            root.addAppender(console);
        }
        previousLevels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }

    @Test
    void theRightPasswordAppearsInNoLogLine() {
        Secret password = Secret.fromEnvironment("PVE_SSH_PASSWORD", Map.of("PVE_SSH_PASSWORD", PASSWORD));

        try (JschRemoteShell shell = new JschRemoteShell(SshSettings.of("root", Credential.password(password), knownHosts))) {
            assertThat(shell.run(server.host("pve1"), "echo in", TIMEOUT).stdout()).isEqualTo("in\n");
        }

        // JSch's own DEBUG lines arrive at TRACE: the capture saw everything JSch said
        assertThat(events()).anyMatch(event -> event.getLoggerName().equals("io.pvebench.ssh.jsch")
                && event.getLevel() == Level.TRACE);
        assertThat(logText()).doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordAppearsInNoLogLineAndNoException() {
        String wrong = "Wr0ng-" + PASSWORD;
        Secret password = Secret.fromEnvironment("PVE_SSH_PASSWORD", Map.of("PVE_SSH_PASSWORD", wrong));

        Throwable failure;
        try (JschRemoteShell shell = new JschRemoteShell(SshSettings.of("root", Credential.password(password), knownHosts))) {
            failure = catchThrowable(() -> shell.run(server.host("pve1"), "echo in", TIMEOUT));
        }

        assertThat(failure).isInstanceOf(SshException.class).hasMessageContaining("authentication failed");
        assertThat(chainText(failure)).doesNotContain(wrong).doesNotContain(PASSWORD);
        assertThat(logText()).doesNotContain(wrong);
    }

    @Test
    void aWrongPassphraseAppearsInNoLogLineAndNoException() throws Exception {
        TestKeys.UserKey key = TestKeys.userKey(dir, "id_ed25519", com.jcraft.jsch.KeyPair.ED25519, 256, PASSWORD);
        Secret wrong = Secret.fromEnvironment("PVE_SSH_PASSPHRASE", Map.of("PVE_SSH_PASSPHRASE", "Wr0ng-passphrase"));

        Throwable failure = catchThrowable(() -> new JschRemoteShell(
                SshSettings.of("root", Credential.privateKey(key.privateKey(), wrong), knownHosts)));

        assertThat(failure).isInstanceOf(SshException.class);
        assertThat(chainText(failure)).doesNotContain("Wr0ng-passphrase").doesNotContain(PASSWORD);
        assertThat(logText()).doesNotContain("Wr0ng-passphrase").doesNotContain(PASSWORD);
    }

    /**
     * The events captured so far. MINA's and JSch's threads may still be logging:
     * AppenderBase.doAppend holds the appender's lock, so copying under it never races.
     */
    private List<ILoggingEvent> events() {
        synchronized (captured) {
            return new ArrayList<>(captured.list);
        }
    }

    private String logText() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : events()) {
            text.append(event.getLoggerName()).append(' ').append(event.getFormattedMessage()).append('\n');
            event.getMDCPropertyMap().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
            }
        }
        return text.toString();
    }

    private static String chainText(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append('\n');
            for (Throwable suppressed : t.getSuppressed()) {
                text.append(suppressed).append('\n');
            }
        }
        return text.toString();
    }
}
