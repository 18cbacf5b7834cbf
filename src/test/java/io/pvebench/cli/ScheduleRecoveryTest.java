package io.pvebench.cli;

import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.schedule.Firing;
import io.pvebench.schedule.PipelineScheduler;
import io.pvebench.schedule.SharedStore;
import io.pvebench.testsupport.LocalPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real {@code pvebench schedule --store} process is killed (SIGKILL) in the middle of a run on the twin;
 * another instance on the same PostgreSQL notices the silence and runs that firing again, once.
 */
@Tag("integration")
class ScheduleRecoveryTest {

    private static final String PASSWORD = "twin-secret";

    @TempDir
    Path dir;

    @Test
    void aRunWhoseInstanceDiesIsRecoveredOnceByAnotherInstance() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start();
             TwinCluster cluster = new TwinCluster(dir, PASSWORD, 5, 4)) {
            String store = postgres.newDatabase("recovery");
            Instant firesAt = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
            Path pipeline = cluster.pipeline(3, "10s");
            Files.writeString(pipeline, Files.readString(pipeline) + "schedule:\n  cron: \"" + once(firesAt)
                    + "\"\n  timeZone: UTC\n");
            Path console = dir.resolve("console.txt");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "schedule", pipeline.toString(), "--out", dir.resolve("reports").toString(),
                    "--store", store, "--checkin", "1")
                    .redirectErrorStream(true).redirectOutput(console.toFile());
            builder.environment().put(TwinCluster.PASSWORD_VARIABLE, PASSWORD);
            builder.environment().put("PVEBENCH_STORE_USER", LocalPostgres.USER);
            builder.environment().put("PVEBENCH_STORE_PASSWORD", LocalPostgres.PASSWORD);
            Process first = builder.start();
            try {
                try {
                    await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(console).contains("[1/3]"));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("the scheduled run did not start its first case:\n"
                            + Files.readString(console), e);
                }
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the store
                first.waitFor(30, TimeUnit.SECONDS);
            }
            String said = Files.readString(console);
            assertThat(said).contains("schedule shared through " + store, "schedule: lab-check started, fired for "
                    + firesAt).doesNotContain(LocalPostgres.PASSWORD);

            List<Firing> recovered = new CopyOnWriteArrayList<>();
            Pipeline same = PipelineLoader.load(pipeline);
            PipelineScheduler second = new PipelineScheduler(List.of(same), new PipelineScheduler.Launcher() {
                @Override
                public void launch(Pipeline pipeline, Firing firing) {
                    recovered.add(firing);
                }

                @Override
                public void stopAll(String why) {
                }
            }, 1, Optional.of(new SharedStore(store, LocalPostgres.USER, LocalPostgres.PASSWORD, Duration.ofSeconds(1))));
            try {
                second.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> !recovered.isEmpty());
                Thread.sleep(4_000); // long enough for a second recovery or firing, were there one
            } finally {
                second.close();
            }
            assertThat(recovered).singleElement().satisfies(firing -> {
                assertThat(firing.recovering()).isTrue();
                assertThat(firing.scheduledFor()).isEqualTo(firesAt);
                assertThat(firing.instance()).isEqualTo(second.instance());
            });
        }
    }

    private static String once(Instant at) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        return "%d %d %d %d %d ? %d".formatted(t.getSecond(), t.getMinute(), t.getHour(), t.getDayOfMonth(),
                t.getMonthValue(), t.getYear());
    }
}
