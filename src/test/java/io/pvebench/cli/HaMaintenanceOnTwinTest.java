package io.pvebench.cli;

import io.pvebench.assess.Verdict;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.CaseResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.pvebench.cli.RunOutcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

/** HA maintenance on the twin: the node's HA guest evacuates to the other node and comes back. */
@Tag("sim")
class HaMaintenanceOnTwinTest {

    @TempDir
    Path dir;

    @Test
    void maintenanceEvacuatesAndReturnsEveryHaGuest() throws Exception {
        PipelineRunner.Outcome outcome = PipelineRunner.run(
                PipelineLoader.load(Path.of("pipelines/ha-maintenance.yaml")),
                PipelineRunner.Options.of(dir, 2026, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                        List.of()));

        CaseResult c = outcome.result().cases().get(0);
        assertThat(c.assessment().verdict()).as(c.steps().toString()).isEqualTo(Verdict.PASS);
        // away: running on pve2, the HA stack having migrated it live
        assertThat(c.samples()).filteredOn(s -> s.metric().equals("failover_running"))
                .singleElement().satisfies(s -> assertThat(s.labels()).containsEntry("target", "pve2")
                        .containsEntry("vm", "101").containsEntry("method", "maintenance"));
        assertThat(value(c, "failover_not_recovered")).isZero();
        // and back on pve1 once the maintenance ended
        assertThat(value(c, "failover_returned")).isGreaterThan(0);
        assertThat(c.steps().toString()).contains("vm 101 back on pve1").doesNotContain("predicted");
        assertThat(outcome.leftChanged()).isEmpty();
        String commands = Files.readString(RunOutcomes.runFolder(dir).resolve("raw/commands.jsonl"));
        assertThat(commands).contains("ha-manager crm-command node-maintenance enable pve1")
                .contains("ha-manager crm-command node-maintenance disable pve1");
    }
}
