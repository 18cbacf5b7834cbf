package io.pvebench.cli;

import io.pvebench.assess.Verdict;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.CaseResult;
import io.pvebench.run.Phase;
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
 * A node evacuation under load: every VM of the spec on the server VM's node migrates at once,
 * each followed to its task's end and measured; the probes watch the server VM; all go back.
 */
@Tag("sim")
class EvacuationOnTwinTest {

    @TempDir
    Path dir;

    @Test
    void evacuatingTheServersNodeMovesEachOfItsVmsInParallelAndMeasuresThemAll() throws Exception {
        Path pipeline = dir.resolve("evacuate.yaml");
        // the twin places 101 on pve1, 102 on pve2, 103 on pve1
        Files.writeString(pipeline, """
                name: evacuate
                cluster: twin
                twin: {nodes: 2, pve: "9.2", timeScale: 30}
                vmSpecs:
                  - {name: small, cores: 4, memory: 4 GiB, vms: [101, 102, 103]}
                scenarios: [light]
                measure:
                  warmup: 20s
                  iperf3: {duration: 2s}
                  ping: {count: 5, interval: 200ms}
                migration:
                  at: 5s
                  observe: 90s
                  move: evacuate
                  order: parallel
                """);
        PipelineRunner.Outcome outcome = PipelineRunner.run(PipelineLoader.load(pipeline),
                PipelineRunner.Options.of(dir.resolve("reports"), 7, Map.of(),
                        new PrintStream(new ByteArrayOutputStream()), List.of()));

        CaseResult c = outcome.result().cases().get(0);
        assertThat(c.assessment().verdict()).as(c.steps().toString()).isEqualTo(Verdict.PASS);
        List<Phase> moves = c.phases().stream().filter(p -> p.name().startsWith("migration vm ")).toList();
        assertThat(moves).extracting(Phase::name).containsExactlyInAnyOrder("migration vm 101", "migration vm 103");
        // in parallel: each started before the other ended
        assertThat(moves.get(0).start()).isBefore(moves.get(1).end());
        assertThat(moves.get(1).start()).isBefore(moves.get(0).end());
        assertThat(c.samples().stream().filter(s -> s.metric().equals("migration_duration"))
                .map(s -> s.labels().get("vmid"))).containsExactlyInAnyOrder("101", "103");
        assertThat(c.samples()).filteredOn(s -> s.metric().equals("migration_blackout")).extracting(Sample::value)
                .singleElement().satisfies(v -> assertThat(v).isGreaterThan(0));
        String commands = Files.readString(RunOutcomes.runFolder(dir.resolve("reports")).resolve("raw/commands.jsonl"));
        assertThat(commands).contains("qm migrate 101 pve2 --online").contains("qm migrate 103 pve2 --online")
                .contains("qm migrate 101 pve1 --online").contains("qm migrate 103 pve1 --online")
                .doesNotContain("qm migrate 102");
    }
}
