package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.assess.Verdict;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.CaseResult;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunListener;
import io.pvebench.run.StepRecord;
import io.pvebench.run.StepStatus;
import io.pvebench.run.StopSignal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run asked to stop (Ctrl-C, SIGTERM, a CI abort): the case in flight breaks and is torn
 * down, the cases not started are marked not run, finished ones stay, every report is written.
 */
@Tag("sim")
class StopRunTest {

    private static final String PASSWORD = "stop-test-pw";

    @TempDir
    Path dir;

    private PipelineRunner.Outcome runStoppingWhen(TwinCluster cluster, StopSignal stop, RunListener trigger)
            throws Exception {
        return runStoppingWhen(cluster.pipeline(3, "4s"), stop, trigger);
    }

    private PipelineRunner.Outcome runStoppingWhen(Path pipeline, StopSignal stop, RunListener trigger) {
        return PipelineRunner.run(PipelineLoader.load(pipeline),
                new PipelineRunner.Options(dir.resolve("reports"), 5, Path.of("routes"),
                        Map.of(TwinCluster.PASSWORD_VARIABLE, PASSWORD), new PrintStream(new ByteArrayOutputStream()),
                        List.of(trigger), false, Clock.systemUTC(), stop));
    }

    @Test
    void aStopBetweenCasesKeepsTheFinishedOneAndMarksTheRestNotRun() throws Exception {
        StopSignal stop = new StopSignal();
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 5, 40)) {
            PipelineRunner.Outcome outcome = runStoppingWhen(cluster, stop, new RunListener() {
                @Override
                public void caseFinished(CaseResult result) {
                    stop.request("test stop");
                }
            });

            List<CaseResult> cases = outcome.result().cases();
            assertThat(cases).extracting(c -> c.assessment().verdict())
                    .containsExactly(Verdict.PASS, Verdict.BROKEN, Verdict.BROKEN);
            assertThat(cases.get(1).assessment().reason()).isEqualTo("not run: run stopped: test stop");
            assertThat(cases.get(1).steps()).isEmpty();
            assertThat(outcome.exitCode()).isEqualTo(3);
            JsonNode summary = RunFolder.JSON.readTree(outcome.result().info().folder().resolve("summary.json").toFile());
            assertThat(summary.get("verdict").asText()).isEqualTo("broken");
            assertThat(summary.get("cases")).hasSize(3);
        }
    }

    @Test
    void aStopDuringACaseBreaksItAndStillTearsItDown() throws Exception {
        StopSignal stop = new StopSignal();
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 5, 40)) {
            PipelineRunner.Outcome outcome = runStoppingWhen(cluster, stop,
                    StepTrigger.whenFinished(2, "measure", () -> stop.request("test stop")));

            CaseResult second = outcome.result().cases().get(1);
            assertThat(second.assessment().verdict()).isEqualTo(Verdict.BROKEN);
            assertThat(second.assessment().reason()).isEqualTo("run stopped: test stop");
            assertThat(second.steps()).extracting(StepRecord::name).containsExactly("setup", "load", "measure", "teardown");
            assertThat(second.steps().get(3).status()).isEqualTo(StepStatus.PASSED);
            assertThat(Files.readAllLines(outcome.result().info().folder().resolve("raw/commands.jsonl")))
                    .anySatisfy(line -> assertThat(line).contains("\"scope\":\"" + second.plan().id() + "\"")
                            .contains("\"stage\":\"teardown\"").contains("pkill"));
            assertThat(outcome.result().cases().get(2).assessment().reason()).startsWith("not run:");
        }
    }

    @Test
    void aStopUnderLoadStopsTheLoadInEveryVmAndKeepsWhatItReported() throws Exception {
        StopSignal stop = new StopSignal();
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 5, 40)) {
            PipelineRunner.Outcome outcome = runStoppingWhen(cluster.pipeline(3, "4s", "heavy"), stop,
                    StepTrigger.whenFinished(2, "load", () -> {
                        assertThat(cluster.twin.model().runningLoads(101)).isNotEmpty();
                        stop.request("test stop");
                    }));

            CaseResult second = outcome.result().cases().get(1);
            assertThat(second.assessment().reason()).isEqualTo("run stopped: test stop");
            assertThat(second.steps()).extracting(StepRecord::name).containsExactly("setup", "load", "teardown");
            assertThat(second.steps().get(2).status()).isEqualTo(StepStatus.PASSED);
            // what the stopped load reported and the usage up to the stop are kept
            assertThat(second.samples()).extracting(s -> s.metric()).contains("bogo_ops", "vm_cpu", "node_cpu");
            // no stress-ng left in either VM: teardown stopped what the load stage started
            assertThat(cluster.twin.model().runningLoads(101)).isEmpty();
            assertThat(cluster.twin.model().runningLoads(102)).isEmpty();
            assertThat(Files.readAllLines(outcome.result().info().folder().resolve("raw/commands.jsonl")))
                    .filteredOn(l -> l.contains("\"scope\":\"" + second.plan().id() + "\"")
                            && l.contains("\"stage\":\"teardown\"") && l.contains("-- kill -TERM "))
                    .hasSize(2);
            assertThat(outcome.result().cases().get(0).assessment().verdict()).isEqualTo(Verdict.PASS);
            assertThat(outcome.result().cases().get(2).assessment().reason()).startsWith("not run:");
        }
    }

    @Test
    void sigtermStopsARealProcessWithEveryReportWritten() throws Exception {
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 5, 4)) {
            Path pipeline = cluster.pipeline(3, "10s");
            Path out = dir.resolve("reports");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "run", pipeline.toString(), "--out", out.toString(), "--no-html")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("console.txt").toFile());
            builder.environment().put(TwinCluster.PASSWORD_VARIABLE, PASSWORD);
            Process run = builder.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("console.txt"))
                        && Files.readString(dir.resolve("console.txt")).contains("[2/3]"));
                run.destroy(); // SIGTERM
                assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                run.destroyForcibly();
            }
            String console = Files.readString(dir.resolve("console.txt"));
            Path folder;
            try (Stream<Path> runs = Files.list(out)) {
                folder = runs.findFirst().orElseThrow();
            }
            JsonNode summary = RunFolder.JSON.readTree(folder.resolve("summary.json").toFile());
            assertThat(summary.get("verdict").asText()).as(console).isEqualTo("broken");
            assertThat(summary.get("cases")).hasSize(3);
            assertThat(summary.get("cases").get(0).get("verdict").asText()).isEqualTo("pass");
            assertThat(summary.get("cases").get(1).get("reason").asText()).contains("interrupted");
            assertThat(folder.resolve("junit.xml")).exists();
            assertThat(folder.resolve("allure-results/environment.properties")).exists();
        }
    }
}
