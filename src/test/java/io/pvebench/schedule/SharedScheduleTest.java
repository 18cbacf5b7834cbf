package io.pvebench.schedule;

import io.pvebench.pipeline.Pipeline;
import io.pvebench.testsupport.LocalPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scheduler instances sharing one schedule through a real PostgreSQL (Debian's), each test on a database of its own. */
@Tag("integration")
class SharedScheduleTest {

    private static LocalPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = LocalPostgres.shared();
    }

    /** What one launch was: which pipeline, for which firing, on which instance, and when it ran. */
    record Launch(String pipeline, Firing firing, long startNanos, long endNanos) {
    }

    /** Records every launch; each run takes {@code runFor}. */
    static final class RecordingLauncher implements PipelineScheduler.Launcher {
        final List<Launch> launches;
        final Duration runFor;

        RecordingLauncher(List<Launch> launches, Duration runFor) {
            this.launches = launches;
            this.runFor = runFor;
        }

        @Override
        public void launch(Pipeline pipeline, Firing firing) throws Exception {
            long start = System.nanoTime();
            Thread.sleep(runFor.toMillis());
            launches.add(new Launch(pipeline.name(), firing, start, System.nanoTime()));
        }

        @Override
        public void stopAll(String why) {
        }
    }

    private SharedStore store(String database) throws Exception {
        return new SharedStore(postgres.newDatabase(database), LocalPostgres.USER, LocalPostgres.PASSWORD,
                Duration.ofSeconds(1));
    }

    private Pipeline pipeline(String name, String cron) throws Exception {
        return ScheduledPipelines.write(dir, name, cron, "UTC");
    }

    @Test
    void twoInstancesOnOneStoreRunEveryFiringExactlyOnce() throws Exception {
        SharedStore store = store("once");
        List<Launch> launches = new CopyOnWriteArrayList<>();
        List<Pipeline> pipelines = List.of(pipeline("nightly", "* * * * * ?"));
        PipelineScheduler a = new PipelineScheduler(pipelines, new RecordingLauncher(launches, Duration.ofMillis(300)),
                2, Optional.of(store));
        PipelineScheduler b = new PipelineScheduler(pipelines, new RecordingLauncher(launches, Duration.ofMillis(300)),
                2, Optional.of(store));
        assertThat(a.instance()).isNotEqualTo(b.instance());
        a.start();
        b.start();
        Thread.sleep(6_000);
        a.close();
        b.close();

        assertThat(launches).hasSizeGreaterThanOrEqualTo(4);
        assertThat(launches).extracting(l -> l.firing().scheduledFor()).doesNotHaveDuplicates();
        assertThat(launches).extracting(l -> l.firing().recovering()).containsOnly(false);
        assertThat(launches).extracting(l -> l.firing().instance()).isSubsetOf(a.instance(), b.instance());
        // both found one job and one trigger in the store: the second instance took the first one's over
        try (Connection connection = new StoreConnections(store).open("count the jobs");
             Statement query = connection.createStatement();
             ResultSet jobs = query.executeQuery("select count(*) from qrtz_job_details")) {
            assertThat(jobs.next()).isTrue();
            assertThat(jobs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void runsOnOneClusterNeverOverlapAcrossInstances() throws Exception {
        SharedStore store = store("overlap");
        List<Launch> launches = new CopyOnWriteArrayList<>();
        List<Pipeline> pipelines = List.of(pipeline("nightly", "* * * * * ?"), pipeline("network", "* * * * * ?"));
        // one worker each: two runs at once could only be one on each instance, which the store's lock forbids
        PipelineScheduler a = new PipelineScheduler(pipelines, new RecordingLauncher(launches, Duration.ofMillis(400)),
                1, Optional.of(store));
        PipelineScheduler b = new PipelineScheduler(pipelines, new RecordingLauncher(launches, Duration.ofMillis(400)),
                1, Optional.of(store));
        a.start();
        b.start();
        Thread.sleep(7_000);
        a.close();
        b.close();

        List<Launch> inOrder = new ArrayList<>(launches);
        inOrder.sort(Comparator.comparingLong(Launch::startNanos));
        assertThat(inOrder).extracting(Launch::pipeline).contains("nightly", "network");
        assertThat(inOrder).extracting(l -> l.firing().instance()).as("both instances ran pipelines")
                .contains(a.instance(), b.instance());
        for (int i = 1; i < inOrder.size(); i++) {
            assertThat(inOrder.get(i).startNanos()).as("run %d starts after run %d ended", i, i - 1)
                    .isGreaterThanOrEqualTo(inOrder.get(i - 1).endNanos());
        }
    }

    @Test
    void anInstanceThatIsNotGivenAPipelineRunsItFromTheFileTheStoreNames() throws Exception {
        SharedStore store = store("unknown");
        List<Launch> launches = new CopyOnWriteArrayList<>();
        Instant soon = Instant.now().plusSeconds(3);
        String once = oneShot(soon);
        PipelineScheduler scheduling = new PipelineScheduler(List.of(pipeline("nightly", once)),
                new RecordingLauncher(launches, Duration.ZERO), 1, Optional.of(store));
        scheduling.close(); // scheduled it and left before it fired
        PipelineScheduler running = new PipelineScheduler(List.of(), new RecordingLauncher(launches,
                Duration.ZERO), 1, Optional.of(store));
        running.start();
        Thread.sleep(Duration.between(Instant.now(), soon).toMillis() + 2_500);
        running.close();

        assertThat(launches).singleElement().satisfies(l -> {
            assertThat(l.pipeline()).isEqualTo("nightly");
            assertThat(l.firing().scheduledFor()).isEqualTo(soon.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            assertThat(l.firing().instance()).isEqualTo(running.instance());
        });
    }

    @Test
    void aPipelineUnscheduledThroughOneInstanceIsGoneForEveryInstance() throws Exception {
        SharedStore store = store("unschedule");
        PipelineScheduler a = new PipelineScheduler(List.of(pipeline("nightly", "0 0 2 * * ?"),
                pipeline("network", "0 30 2 * * ?")), new RecordingLauncher(new ArrayList<>(), Duration.ZERO), 1,
                Optional.of(store));
        PipelineScheduler b = new PipelineScheduler(List.of(), new RecordingLauncher(new ArrayList<>(),
                Duration.ZERO), 1, Optional.of(store));
        try {
            assertThat(b.scheduled()).extracting(ScheduledPipeline::name).containsExactly("network", "nightly");
            assertThat(b.scheduled().get(0).describe()).startsWith("network (" + dir.resolve("network.yaml"))
                    .contains("'0 30 2 * * ?' in UTC, next ");

            assertThat(b.unschedule("network")).isTrue();
            assertThat(b.unschedule("network")).as("gone already").isFalse();

            assertThat(a.scheduled()).extracting(ScheduledPipeline::name).containsExactly("nightly");
        } finally {
            a.close();
            b.close();
        }
    }

    /** Runs until the scheduler asks it to stop; records what it ran and what it was told not to start. */
    static final class UntilStoppedLauncher implements PipelineScheduler.Launcher {
        final List<Launch> launches = new CopyOnWriteArrayList<>();
        final List<String> notStarted = new CopyOnWriteArrayList<>();
        final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void launch(Pipeline pipeline, Firing firing) throws Exception {
            long start = System.nanoTime();
            stopped.await();
            launches.add(new Launch(pipeline.name(), firing, start, System.nanoTime()));
        }

        @Override
        public void stopAll(String why) {
            stopped.countDown();
        }

        @Override
        public void notStarted(Pipeline pipeline, Firing firing, String why) {
            notStarted.add(pipeline.name() + ": " + why);
        }
    }

    @Test
    void aRunStillWaitingForItsClusterWhenItsInstanceShutsDownIsRunByAnotherInstance() throws Exception {
        SharedStore store = store("handover");
        Instant at = Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<Pipeline> pipelines = List.of(pipeline("first", oneShot(at)), pipeline("second", oneShot(at)));
        UntilStoppedLauncher leaving = new UntilStoppedLauncher();
        PipelineScheduler a = new PipelineScheduler(pipelines, leaving, 2, Optional.of(store));
        a.start();
        Thread.sleep(Duration.between(Instant.now(), at).toMillis() + 1_500);
        a.close(); // one run in flight on the cluster, the other waiting for it

        assertThat(leaving.launches).singleElement().satisfies(l -> assertThat(l.firing().scheduledFor()).isEqualTo(at));
        String ran = leaving.launches.get(0).pipeline();
        String waited = ran.equals("first") ? "second" : "first";
        assertThat(leaving.notStarted).containsExactly(waited + ": the scheduler shut down while it waited for its"
                + " cluster; handed over to the other instances");

        List<Launch> taken = new CopyOnWriteArrayList<>();
        PipelineScheduler b = new PipelineScheduler(pipelines, new RecordingLauncher(taken, Duration.ZERO), 1,
                Optional.of(store));
        b.start();
        Thread.sleep(4_000);
        b.close();
        assertThat(taken).singleElement().satisfies(l -> {
            assertThat(l.pipeline()).isEqualTo(waited);
            assertThat(l.firing().scheduledFor()).isEqualTo(at);
            assertThat(l.firing().recovering()).isTrue();
        });
    }

    @Test
    void aRoleNamedInTheUrlServesWhenNoneIsGivenApart() throws Exception {
        String url = postgres.newDatabase("urlrole") + "?user=" + LocalPostgres.USER;
        SharedStore store = new SharedStore(url, "", LocalPostgres.PASSWORD, Duration.ofSeconds(1));

        PipelineScheduler scheduler = new PipelineScheduler(List.of(pipeline("nightly", "0 0 2 * * ?")),
                new RecordingLauncher(new ArrayList<>(), Duration.ZERO), 1, Optional.of(store));
        try {
            assertThat(scheduler.scheduled()).extracting(ScheduledPipeline::name).containsExactly("nightly");
        } finally {
            scheduler.close();
        }
    }

    @Test
    void aStoreThatCannotBeReachedIsNamedWithoutItsPassword() {
        SharedStore nowhere = new SharedStore("jdbc:postgresql://127.0.0.1:1/pvebench?password=hunter2", "pvebench",
                "hunter2", Duration.ofSeconds(1));

        assertThatThrownBy(() -> new PipelineScheduler(List.of(), new RecordingLauncher(new ArrayList<>(),
                Duration.ZERO), 1, Optional.of(nowhere)))
                .isInstanceOf(ScheduleStoreException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/pvebench")
                .hasMessageNotContaining("hunter2");
    }

    /** A cron expression that fires once, at {@code at}'s second (UTC). */
    static String oneShot(Instant at) {
        java.time.ZonedDateTime t = at.atZone(java.time.ZoneOffset.UTC);
        return "%d %d %d %d %d ? %d".formatted(t.getSecond(), t.getMinute(), t.getHour(), t.getDayOfMonth(),
                t.getMonthValue(), t.getYear());
    }
}
