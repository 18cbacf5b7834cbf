package io.pvebench.cli;

import io.pvebench.assess.Verdict;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.CaseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped migration pipeline on the twin: every case migrates its server VM live under
 * load, follows the task to its end, and measures it from Proxmox's log and from the peer
 * VM's probes; heavier load makes migrations longer and their downtime larger.
 */
@Tag("sim")
class MigrationUnderLoadOnTwinTest {

    @TempDir
    static Path dir;

    private static PipelineRunner.Outcome outcome;

    @BeforeAll
    static void runThePipeline() {
        outcome = PipelineRunner.run(PipelineLoader.load(Path.of("pipelines/migration-under-load.yaml")),
                PipelineRunner.Options.of(dir, 2026, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                        List.of()));
    }

    private static double value(String vmSpec, String scenario, String metric) {
        return RunOutcomes.value(outcome.result().cases().stream()
                .filter(c -> c.plan().vmSpec().name().equals(vmSpec) && c.plan().scenario().equals(scenario))
                .findFirst().orElseThrow(), metric);
    }

    @Test
    void everyCaseMigratesAndPasses() {
        assertThat(outcome.result().cases()).hasSize(2 * 3);
        for (CaseResult c : outcome.result().cases()) {
            assertThat(c.assessment().verdict()).as(c.plan().id() + ": " + c.steps()).isEqualTo(Verdict.PASS);
            assertThat(c.samples()).as(c.plan().id()).anyMatch(s -> s.metric().equals("migration_failed")
                    && s.value() == 0);
            assertThat(c.phases()).as(c.plan().id()).anyMatch(p -> p.name().equals("migration"));
        }
    }

    @Test
    void migrationUnderHeavyLoadTakesLongerAndHasMoreDowntimeThanUnderLight() {
        for (String spec : List.of("small", "large")) {
            assertThat(value(spec, "heavy", "migration_duration")).as(spec)
                    .isGreaterThan(value(spec, "light", "migration_duration"));
            assertThat(value(spec, "heavy", "migration_downtime")).as(spec)
                    .isGreaterThan(value(spec, "light", "migration_downtime"));
            assertThat(value(spec, "heavy", "migration_transferred")).as(spec)
                    .isGreaterThan(value(spec, "light", "migration_transferred"));
        }
    }

    @Test
    void eachMigrationIsMeasuredFromThePeerBesideProxmoxsOwnAccount() {
        for (CaseResult c : outcome.result().cases()) {
            assertThat(c.samples()).extracting(Sample::metric).as(c.plan().id()).contains("migration_downtime",
                    "migration_blackout", "migration_rtt_spike", "migration_throughput_dip",
                    "migration_throughput_gap", "migration_progress", "app_gap", "app_latency");
            // the probes' series through the migration are kept for the charts, out of the steady-state judgement
            assertThat(c.samples()).anyMatch(s -> s.metric().equals("rtt")
                    && "migration".equals(s.labels().get("phase")));
        }
    }

    @Test
    void theStepShowsTheDowntimesSideBySide() {
        for (CaseResult c : outcome.result().cases()) {
            String detail = c.steps().stream().filter(s -> s.name().equals("migrate")).findFirst().orElseThrow()
                    .detail();
            assertThat(detail).as(c.plan().id()).containsPattern("downtime: Proxmox \\d+ ms, ping blackout \\d+ ms,"
                    + " throughput gap \\d+ ms, application gap \\d+ ms");
        }
    }

    @Test
    void theVmGoesBackAndTheTaskLogIsKept() throws IOException {
        Path folder = RunOutcomes.runFolder(dir);
        String commands = Files.readString(folder.resolve("raw/commands.jsonl"));
        for (String vm : List.of("101", "121")) {
            assertThat(commands).contains("qm migrate " + vm + " pve2 --online")
                    .contains("qm migrate " + vm + " pve1 --online");
        }
        try (Stream<Path> files = Files.walk(folder.resolve("raw"))) {
            List<Path> logs = files.filter(p -> p.getFileName().toString().contains("migration-task-log")).toList();
            assertThat(logs).hasSize(6);
            for (Path log : logs) {
                assertThat(Files.readString(log)).contains("migration finished successfully").contains("TASK OK");
            }
        }
    }

    @Test
    void probeBlackoutIsProxmoxsDowntimeToOneProbeSpacing() {
        // the twin's task log prints the pause it simulated (MigrationThroughHaOnTwinTest checks it against its record)
        for (CaseResult c : outcome.result().cases()) {
            double downtime = RunOutcomes.value(c, "migration_downtime");
            double blackout = RunOutcomes.value(c, "migration_blackout");
            assertThat(blackout).as(c.plan().id()).isCloseTo(downtime, org.assertj.core.data.Offset.offset(10.0));
            double lost = RunOutcomes.value(c, "migration_throughput_gap");
            // the stream stalls at least for the pause, and auto-converge's throttle costs it more
            assertThat(lost).as(c.plan().id()).isGreaterThanOrEqualTo(downtime * 0.9);
            double app = RunOutcomes.value(c, "app_gap");
            // requests every 100 ms: the application misses at least the pause, a lost SYN costs it a second more
            assertThat(app).as(c.plan().id()).isGreaterThanOrEqualTo(downtime);
        }
    }
}
