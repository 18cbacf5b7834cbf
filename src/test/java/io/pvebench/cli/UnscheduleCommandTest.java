package io.pvebench.cli;

import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.schedule.Firing;
import io.pvebench.schedule.PipelineScheduler;
import io.pvebench.schedule.SharedStore;
import io.pvebench.testsupport.LocalPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pvebench unschedule} on a schedule shared through a real PostgreSQL. */
@Tag("integration")
class UnscheduleCommandTest {

    private static LocalPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = LocalPostgres.shared();
    }

    private record Printed(int exit, String out, String err) {
    }

    private static Printed pvebench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main(Map.of("PVEBENCH_STORE_USER", LocalPostgres.USER, "PVEBENCH_STORE_PASSWORD",
                LocalPostgres.PASSWORD), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
        return new Printed(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String scheduleTwo(String database) throws Exception {
        String url = postgres.newDatabase(database);
        List<Pipeline> pipelines = List.of(write("nightly", "0 0 2 * * ?"), write("network", "0 30 2 * * ?"));
        PipelineScheduler.Launcher idle = new PipelineScheduler.Launcher() {
            @Override
            public void launch(Pipeline pipeline, Firing firing) {
            }

            @Override
            public void stopAll(String why) {
            }
        };
        new PipelineScheduler(pipelines, idle, 1, Optional.of(new SharedStore(url, LocalPostgres.USER,
                LocalPostgres.PASSWORD, Duration.ofSeconds(1)))).close();
        return url;
    }

    private Pipeline write(String name, String cron) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                vmSpecs:
                  - {name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}
                schedule: {cron: "%s", timeZone: Europe/Berlin}
                """.formatted(name, cron));
        return PipelineLoader.load(file);
    }

    @Test
    void aPipelineTakenOutIsGoneAndWhatIsLeftIsListed() throws Exception {
        String url = scheduleTwo("out");

        Printed p = pvebench("unschedule", "network", "--store", url);

        assertThat(p.exit()).as(p.err()).isZero();
        assertThat(p.out()).contains("unscheduled network", "scheduled in " + url + ":",
                "  nightly (" + dir.resolve("nightly.yaml") + "): '0 0 2 * * ?' in Europe/Berlin, next ")
                .doesNotContain("  network (");
        assertThat(pvebench("unschedule", "--store", url).out()).contains("  nightly (").doesNotContain("network (");
    }

    @Test
    void aNameNotScheduledRemovesNothingAndSaysWhatIsScheduled() throws Exception {
        String url = scheduleTwo("unknown");

        Printed p = pvebench("unschedule", "network", "nightlly", "--store", url);

        assertThat(p.exit()).isEqualTo(2);
        assertThat(p.err()).contains("not scheduled in " + url + ": nightlly; it holds:", "  network (", "  nightly (");
        assertThat(pvebench("unschedule", "--store", url).out()).contains("  network (", "  nightly (");
    }

    @Test
    void withoutAStoreThereIsNothingToUnschedule() {
        Printed p = pvebench("unschedule", "nightly");

        assertThat(p.exit()).isEqualTo(2);
        assertThat(p.err()).contains("--store is needed");
    }
}
