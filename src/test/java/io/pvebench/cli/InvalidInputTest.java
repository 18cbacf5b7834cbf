package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed pipelines: one clear file:line:column line each, exit 2, no stack trace, nothing run. */
class InvalidInputTest {

    @TempDir
    Path dir;

    private String err;
    private String out;

    private int pvebench(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int exit = new Main(Map.of(), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8)).execute(args);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return exit;
    }

    private Path write(String name, String yaml) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private static final String VALID = """
            name: check
            vmSpecs:
              - name: small
                cores: 4
                memory: 4 GiB
                vms: [101, 102]
            repetitions: 2
            """;

    @Test
    void aTypoedKeyIsNamedWithItsPositionAndTheNearestKnownKey() throws Exception {
        Path file = write("typo.yaml", VALID.replace("repetitions: 2", "repetitons: 2"));

        assertThat(pvebench("run", file.toString(), "--out", dir.resolve("r").toString())).isEqualTo(2);

        assertThat(err).contains(file + ":7:1: unknown key 'repetitons'").contains("did you mean 'repetitions'?");
        assertNoStackTrace();
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void aWrongTypeIsNamedWithItsPosition() throws Exception {
        Path file = write("type.yaml", VALID.replace("cores: 4", "cores: four"));

        assertThat(pvebench("validate", file.toString())).isEqualTo(2);

        assertThat(err).contains(file + ":4:12:").contains("cores").contains("four");
        assertNoStackTrace();
    }

    @Test
    void aMissingFieldIsNamedAtItsParent() throws Exception {
        Path file = write("missing.yaml", VALID.replace("    memory: 4 GiB\n", ""));

        assertThat(pvebench("validate", file.toString())).isEqualTo(2);

        assertThat(err).contains(file + ":3:5:").contains("missing required key 'vmSpecs[0].memory'");
        assertNoStackTrace();
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() throws Exception {
        Path file = write("three.yaml", VALID.replace("repetitions: 2", "repetitons: 2")
                .replace("cores: 4", "cores: four").replace("    vms: [101, 102]\n", ""));

        assertThat(pvebench("validate", file.toString())).isEqualTo(2);

        assertThat(err.lines().filter(l -> l.startsWith(file.toString()))).hasSize(3);
        assertThat(err).contains("3 problem(s); nothing was run");
    }

    @Test
    void aValidFileIsReportedOkWithItsCaseCount() throws Exception {
        Path file = write("ok.yaml", VALID);

        assertThat(pvebench("validate", file.toString())).isZero();

        assertThat(out).contains("ok (pipeline 'check', 2 case(s))");
    }

    @Test
    void aMissingPipelineFileIsInvalidInput() {
        assertThat(pvebench("run", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        assertThat(err).contains("no pipeline file at");
        assertNoStackTrace();
    }

    @Test
    void anUnknownOptionIsInvalidInput() {
        assertThat(pvebench("run", "--frobnicate", "x.yaml")).isEqualTo(2);
        assertThat(err).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void aSharedStoreThatIsNotPostgresIsRefusedBeforeAnythingIsScheduled() throws Exception {
        Path file = write("nightly.yaml", VALID + "schedule: {cron: \"0 0 2 * * ?\"}\n");

        assertThat(pvebench("schedule", file.toString(), "--store", "jdbc:mysql://db/pvebench?password=hunter2"))
                .isEqualTo(2);

        assertThat(err).contains("--store: the shared schedule store must be a PostgreSQL database")
                .doesNotContain("hunter2");
        assertThat(out).doesNotContain("scheduled ");
        assertNoStackTrace();
    }

    @Test
    void aSharedStoreThatCannotBeReachedEndsTheSchedulerWithItsAddressNotItsPassword() throws Exception {
        Path file = write("nightly.yaml", VALID + "schedule: {cron: \"0 0 2 * * ?\"}\n");
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int exit = new Main(Map.of("PVEBENCH_STORE_USER", "pvebench", "PVEBENCH_STORE_PASSWORD", "hunter2"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8))
                .execute("schedule", file.toString(), "--store", "jdbc:postgresql://127.0.0.1:1/pvebench");
        err = e.toString(StandardCharsets.UTF_8);

        assertThat(exit).isEqualTo(3);
        assertThat(err).contains("cannot reach the shared schedule store at jdbc:postgresql://127.0.0.1:1/pvebench")
                .doesNotContain("hunter2");
        assertNoStackTrace();
    }

    @Test
    void aClusterFileThatIsNotThereIsNamedBeforeAnythingRuns() throws Exception {
        Path file = write("check.yaml", VALID);

        assertThat(pvebench("run", file.toString(), "--cluster", dir.resolve("clusters/gone.yaml").toString(),
                "--out", dir.resolve("r").toString())).isEqualTo(2);

        assertThat(err).contains("--cluster " + dir.resolve("clusters/gone.yaml") + ": no such cluster file");
        assertNoStackTrace();
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void twoScheduledPipelinesOfOneNameAreRefused() throws Exception {
        Path a = write("a.yaml", VALID + "schedule: {cron: \"0 0 2 * * ?\"}\n");
        Path b = write("b.yaml", VALID + "schedule: {cron: \"0 0 3 * * ?\"}\n");

        assertThat(pvebench("schedule", a.toString(), b.toString())).isEqualTo(2);

        assertThat(err).contains(a + " and " + b + " are both named 'check'");
        assertNoStackTrace();
    }

    private void assertNoStackTrace() {
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
