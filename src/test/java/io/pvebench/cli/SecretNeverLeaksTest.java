package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
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

    // no XML, JSON or URL special characters: an escaped copy would hide from a byte search
    private static final String PASSWORD = "Tr0ub4dor3CorrectHorseBattery";

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
            assertThat(console).contains("verdict BROKEN").contains("exit 3");
            assertNowhere(console);
            assertThat(console).doesNotContain(wrong);
        }
    }

    @Test
    void theBase64SearchFindsThePasswordAtAnyOffset() {
        for (String prefix : List.of("", "a", "ab", "abc")) {
            String encoded = java.util.Base64.getEncoder().encodeToString(
                    (prefix + PASSWORD + "tail").getBytes(StandardCharsets.UTF_8));
            assertThat(base64Forms(PASSWORD)).anySatisfy(form -> assertThat(encoded).contains(form));
        }
    }

    /**
     * The password as it appears inside any base64 text, whatever its offset: encode it
     * after 0, 1 and 2 filler bytes and keep the characters that do not depend on them.
     */
    private static List<String> base64Forms(String secret) {
        List<String> forms = new java.util.ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            String encoded = java.util.Base64.getEncoder().withoutPadding()
                    .encodeToString(("xx".substring(0, offset) + secret).getBytes(StandardCharsets.UTF_8));
            int start = offset == 0 ? 0 : (offset == 1 ? 2 : 3);
            forms.add(encoded.substring(start, encoded.length() - 3));
        }
        return forms;
    }

    private String run(TwinCluster cluster, String password) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        // with the HTML report: the single-file report is searched too (its data is base64)
        new Main(Map.of(TwinCluster.PASSWORD_VARIABLE, password), stream, stream)
                .execute("run", cluster.pipeline(1, "2s").toString(), "--out", dir.resolve("reports").toString());
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
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
            }
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir.resolve("reports"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        assertThat(files).anySatisfy(f -> assertThat(f.toString()).endsWith("allure-report/index.html"));
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(content).as(file.toString()).doesNotContain(PASSWORD);
            for (String encoded : base64Forms(PASSWORD)) {
                assertThat(content).as(file + " (base64)").doesNotContain(encoded);
            }
        }
    }
}
