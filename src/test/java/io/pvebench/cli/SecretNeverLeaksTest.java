package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * An SSH password given through an environment variable appears in no log line, console
 * output, raw file or report, whether the login works or not. Logging runs at TRACE
 * so every library's debug output is searched too.
 */
@Tag("sim")
class SecretNeverLeaksTest {

    private static final String PASSWORD = "Tr0ub4dor&3-correct-horse";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger root;
    private Level previous;
    private ch.qos.logback.core.Appender<ILoggingEvent> console;

    @BeforeEach
    void captureEveryLogLine() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previous = root.getLevel();
        // keep TRACE out of the build's console; the capture still sees every line
        console = root.getAppender("STDERR");
        root.detachAppender(console);
        root.setLevel(Level.TRACE);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void restoreLogging() {
        root.detachAppender(logs);
        root.setLevel(previous);
        if (console != null) {
            root.addAppender(console);
        }
    }

    @Test
    void aPasswordFromTheEnvironmentAppearsNowhereAfterASuccessfulRun() throws Exception {
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 3, 50)) {
            String console = run(cluster, PASSWORD);
            assertThat(console).contains("verdict PASS");
            assertNowhere(console);
        }
    }

    @Test
    void aWrongPasswordBreaksTheRunWithoutShowingEitherPassword() throws Exception {
        String wrong = "wrong-" + PASSWORD;
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 3, 50)) {
            String console = run(cluster, wrong);
            assertThat(console).contains("verdict BROKEN (exit 3)");
            assertNowhere(console);
            assertThat(console).doesNotContain(wrong);
        }
    }

    private String run(TwinCluster cluster, String password) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        new Main(Map.of(TwinCluster.PASSWORD_VARIABLE, password), stream, stream)
                .execute("run", cluster.pipeline(1, "2s").toString(), "--out", dir.resolve("reports").toString(),
                        "--no-html");
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private void assertNowhere(String console) throws IOException {
        assertThat(console).doesNotContain(PASSWORD);
        root.detachAppender(logs);
        List<ILoggingEvent> events;
        synchronized (logs) {
            events = List.copyOf(logs.list);
        }
        assertThat(events).isNotEmpty();
        for (ILoggingEvent event : events) {
            assertThat(event.getFormattedMessage()).doesNotContain(PASSWORD);
            if (event.getThrowableProxy() != null) {
                assertThat(event.getThrowableProxy().getMessage() == null ? "" : event.getThrowableProxy().getMessage())
                        .doesNotContain(PASSWORD);
            }
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir.resolve("reports"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                    .as(file.toString()).doesNotContain(PASSWORD);
        }
    }
}
