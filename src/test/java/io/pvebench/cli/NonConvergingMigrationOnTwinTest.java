package io.pvebench.cli;

import io.pvebench.assess.Verdict;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.CaseResult;
import io.pvebench.run.StepRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration that cannot converge: a heavily loaded VM dirties memory faster than a
 * bandwidth limit lets it be copied, so Proxmox raises the downtime limit step by step; the
 * case says so and keeps every step as a sample.
 */
@Tag("sim")
class NonConvergingMigrationOnTwinTest {

    @TempDir
    Path dir;

    @Test
    void aMigrationThatDoesNotConvergeIsReportedWithItsDowntimeSteps() throws Exception {
        Path pipeline = dir.resolve("slow-link.yaml");
        Files.writeString(pipeline, """
                name: slow-link
                cluster: twin
                twin: {nodes: 2, pve: "9.2", timeScale: 30}
                vmSpecs:
                  - {name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}
                scenarios: [heavy]
                measure:
                  warmup: 20s
                  iperf3: {duration: 2s}
                  ping: {count: 5, interval: 200ms}
                migration:
                  at: 5s
                  observe: 10m
                  bwlimit: 51200
                """);
        PipelineRunner.Outcome outcome = PipelineRunner.run(PipelineLoader.load(pipeline),
                PipelineRunner.Options.of(dir.resolve("reports"), 5, Map.of(),
                        new PrintStream(new ByteArrayOutputStream()), List.of()));

        CaseResult c = outcome.result().cases().get(0);
        StepRecord migrate = c.steps().stream().filter(s -> s.name().equals("migrate")).findFirst().orElseThrow();
        assertThat(c.assessment().verdict()).as(c.steps().toString()).isEqualTo(Verdict.PASS);
        assertThat(migrate.detail()).contains("did not converge within the downtime limit: raised");
        assertThat(c.samples()).filteredOn(s -> s.metric().equals("migration_downtime_limit_increase")).isNotEmpty();
        assertThat(c.samples()).filteredOn(s -> s.metric().equals("migration_downtime"))
                .allSatisfy(s -> assertThat(s.value()).isGreaterThan(100));
    }
}
