package io.pvebench.schedule;

import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.PipelineLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineSchedulerTest {

    @TempDir
    Path dir;

    private Pipeline pipeline(String name, String cron) throws Exception {
        return ScheduledPipelines.write(dir, name, cron, "Europe/Berlin");
    }

    /** Records how many runs were in flight per cluster at once. */
    private static final class CountingLauncher implements PipelineScheduler.Launcher {
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        volatile String stopped;

        @Override
        public void launch(Pipeline pipeline, Firing firing) throws Exception {
            int now = inFlight.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(1_300);
                runs.computeIfAbsent(pipeline.name(), k -> new AtomicInteger()).incrementAndGet();
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public void stopAll(String why) {
            stopped = why;
        }
    }

    @Test
    void twoPipelinesOnOneClusterNeverRunAtOnceAndBothRun() throws Exception {
        CountingLauncher launcher = new CountingLauncher();
        PipelineScheduler scheduler = new PipelineScheduler(List.of(pipeline("nightly", "* * * * * ?"),
                pipeline("network", "* * * * * ?")), launcher, 4);
        scheduler.start();
        Thread.sleep(4_500);
        scheduler.close();

        assertThat(launcher.mostAtOnce.get()).isEqualTo(1);
        assertThat(launcher.runs).containsKeys("nightly", "network");
        assertThat(launcher.stopped).isEqualTo("the scheduler is shutting down");
        assertThat(launcher.inFlight.get()).as("close waited for the run in flight").isZero();
    }

    @Test
    void thePlanSaysWhenEachPipelineRunsNextInItsZone() throws Exception {
        PipelineScheduler scheduler = new PipelineScheduler(List.of(pipeline("nightly", "0 0 2 * * ?")),
                new CountingLauncher(), 1);
        try {
            assertThat(scheduler.plan()).singleElement().asString().startsWith("nightly (")
                    .contains("'0 0 2 * * ?' in Europe/Berlin, next ").containsPattern("T0[01]:00:00Z");
        } finally {
            scheduler.close();
        }
    }

    @Test
    void aPipelineWithoutAScheduleIsRefused() throws Exception {
        Path file = dir.resolve("plain.yaml");
        Files.writeString(file, """
                name: plain
                vmSpecs:
                  - {name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}
                """);
        Pipeline plain = PipelineLoader.load(file);

        assertThatThrownBy(() -> new PipelineScheduler(List.of(plain), new CountingLauncher(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no 'schedule:'");
    }
}
