package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.assess.Verdict;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.CaseResult;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunListener;
import io.pvebench.run.RunResult;
import io.pvebench.run.StepRecord;
import io.pvebench.run.StepStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's SSH server dies in the middle of a case: that case is broken, the rest is kept. */
@Tag("sim")
class FaultDuringCaseTest {

    private static final String PASSWORD = "twin-pw-7f3a";

    @TempDir
    Path dir;

    @Test
    void killingANodeMidCaseBreaksThatCaseRunsTeardownAndKeepsFinishedResults() throws Exception {
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 11, 20)) {
            // the client VM lives on pve2: kill pve2 while the second case's iperf3 client runs (10 s model = 0.5 s wall)
            RunListener killer = StepTrigger.whenStarted(2, "measure", () -> {
                Thread t = new Thread(() -> {
                    sleep(200);
                    cluster.twin.failNode("pve2");
                });
                t.setDaemon(true);
                t.start();
            });
            PipelineRunner.Outcome outcome = PipelineRunner.run(PipelineLoader.load(cluster.pipeline(3, "10s")),
                    PipelineRunner.Options.of(dir.resolve("reports"), 11,
                            Map.of(TwinCluster.PASSWORD_VARIABLE, PASSWORD),
                            new PrintStream(new ByteArrayOutputStream()), List.of(killer)));
            RunResult result = outcome.result();

            assertThat(result.verdict()).isEqualTo(Verdict.BROKEN);
            assertThat(outcome.exitCode()).isEqualTo(3);
            List<CaseResult> cases = result.cases();
            assertThat(cases).extracting(c -> c.assessment().verdict())
                    .containsExactly(Verdict.PASS, Verdict.BROKEN, Verdict.BROKEN);
            CaseResult broken = cases.get(1);
            assertThat(broken.assessment().reason()).contains("pve2");
            // the usage series up to the fault is kept: it shows what happened
            assertThat(broken.samples()).extracting(s -> s.metric()).contains("node_cpu");
            assertThat(broken.steps()).extracting(StepRecord::name).contains("measure", "teardown");
            assertThat(broken.steps()).filteredOn(s -> s.name().equals("measure"))
                    .extracting(StepRecord::status).containsExactly(StepStatus.BROKEN);
            // the server VM on pve1 was still reachable: teardown stopped its iperf3
            assertThat(broken.steps()).filteredOn(s -> s.name().equals("teardown"))
                    .extracting(StepRecord::status).containsExactly(StepStatus.PASSED);

            Path runFolder = result.info().folder();
            JsonNode summary = RunFolder.JSON.readTree(runFolder.resolve("summary.json").toFile());
            assertThat(summary.get("verdict").asText()).isEqualTo("broken");
            assertThat(summary.get("cases").get(0).get("verdict").asText()).isEqualTo("pass");
            assertThat(summary.get("cases").get(0).get("metrics").has("throughput")).isTrue();
            String finishedId = cases.get(0).plan().id();
            assertThat(Files.readAllLines(runFolder.resolve("samples.jsonl")))
                    .anySatisfy(line -> assertThat(line).contains("\"case\":\"" + finishedId + "\""));
            assertThat(Files.readString(runFolder.resolve("junit.xml"))).contains("errors=\"2\"");
            // the command the dropped session ended is in the index, with why it produced nothing
            assertThat(Files.readAllLines(runFolder.resolve("raw/commands.jsonl")))
                    .anySatisfy(line -> assertThat(line).contains("\"scope\":\"" + broken.plan().id() + "\"")
                            .contains("\"host\":\"pve2\"").contains("\"failure\":"));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
