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
        LocalPostgres postgres = LocalPostgres.shared();
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 5, 4)) {
            String store = postgres.newDatabase("recovery");
            Instant firesAt = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
            Path pipeline = scheduledOnce(cluster, firesAt);
            Path console = dir.resolve("console.txt");
            Process first = startScheduler(pipeline, store, console);
            try {
                awaitFirstCase(console);
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the store
                first.waitFor(30, TimeUnit.SECONDS);
            }
            String said = Files.readString(console);
            assertThat(said).contains("schedule shared through " + store, "schedule: lab-check started, fired for "
                    + firesAt).doesNotContain(LocalPostgres.PASSWORD);

            List<Firing> recovered = secondInstance(pipeline, store, Duration.ofSeconds(60));
            assertThat(recovered).singleElement().satisfies(firing -> {
                assertThat(firing.recovering()).isTrue();
                assertThat(firing.scheduledFor()).isEqualTo(firesAt);
                assertThat(firing.instance()).as("recovered by another instance").isNotEqualTo(instanceIn(said));
            });
        }
    }

    @Test
    void aRunStoppedCleanlyBySigtermIsNotRunAgainByAnotherInstance() throws Exception {
        LocalPostgres postgres = LocalPostgres.shared();
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 5, 4)) {
            String store = postgres.newDatabase("stopped");
            Instant firesAt = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
            Path pipeline = scheduledOnce(cluster, firesAt);
            Path console = dir.resolve("console.txt");
            Process first = startScheduler(pipeline, store, console);
            try {
                awaitFirstCase(console);
                first.destroy(); // SIGTERM: the run in flight is stopped cleanly, its reports written
                assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                first.destroyForcibly();
            }
            assertThat(Files.readString(console)).contains("schedule: lab-check finished, exit 3");

            // longer than a dead instance takes to be noticed (check-in 1 s + Quartz's 7.5 s)
            assertThat(secondInstance(pipeline, store, Duration.ofSeconds(15))).as("runs of the second instance")
                    .isEmpty();
        }
    }

    private static Path scheduledOnce(TwinCluster cluster, Instant firesAt) throws Exception {
        Path pipeline = cluster.pipeline(3, "10s");
        Files.writeString(pipeline, Files.readString(pipeline) + "schedule:\n  cron: \"" + once(firesAt)
                + "\"\n  timeZone: UTC\n");
        return pipeline;
    }

    /** A real {@code pvebench schedule --store} process, its console into {@code console}. */
    private Process startScheduler(Path pipeline, String store, Path console) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "schedule", pipeline.toString(), "--out", dir.resolve("reports").toString(),
                "--store", store, "--checkin", "1")
                .redirectErrorStream(true).redirectOutput(console.toFile());
        builder.environment().put(TwinCluster.PASSWORD_VARIABLE, PASSWORD);
        builder.environment().put("PVEBENCH_STORE_USER", LocalPostgres.USER);
        builder.environment().put("PVEBENCH_STORE_PASSWORD", LocalPostgres.PASSWORD);
        return builder.start();
    }

    private static void awaitFirstCase(Path console) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(console).contains("[1/3]"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the scheduled run did not start its first case:\n"
                    + Files.readString(console), e);
        }
    }

    /**
     * A second instance on the same store, with the same pipeline, watching for {@code watch} (or until it
     * runs something, and 4 s more for a second run, were there one); what it was asked to run.
     */
    private static List<Firing> secondInstance(Path pipeline, String store, Duration watch) throws Exception {
        List<Firing> launched = new CopyOnWriteArrayList<>();
        PipelineScheduler second = new PipelineScheduler(List.of(PipelineLoader.load(pipeline)),
                new PipelineScheduler.Launcher() {
                    @Override
                    public void launch(Pipeline pipeline, Firing firing) {
                        launched.add(firing);
                    }

                    @Override
                    public void stopAll(String why) {
                    }
                }, 1, Optional.of(new SharedStore(store, LocalPostgres.USER, LocalPostgres.PASSWORD,
                        Duration.ofSeconds(1))));
        try {
            second.start();
            Instant until = Instant.now().plus(watch);
            while (launched.isEmpty() && Instant.now().isBefore(until)) {
                Thread.sleep(200);
            }
            if (!launched.isEmpty()) {
                Thread.sleep(4_000);
            }
            return List.copyOf(launched);
        } finally {
            second.close();
        }
    }

    private static String instanceIn(String console) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("this instance (\\S+)").matcher(console);
        assertThat(m.find()).as(console).isTrue();
        return m.group(1);
    }

    private static String once(Instant at) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        return "%d %d %d %d %d ? %d".formatted(t.getSecond(), t.getMinute(), t.getHour(), t.getDayOfMonth(),
                t.getMonthValue(), t.getYear());
    }
}
