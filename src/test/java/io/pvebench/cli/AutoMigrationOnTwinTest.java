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

import static io.pvebench.cli.RunOutcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped auto-migration pipeline on the twin: PVE 9.2's CRS, set for the watch, moves two
 * of four HA VMs gathered on one node, one at a time, through the HA stack and balances the
 * nodes; pvebench only
 * watches (the migrations come from the nodes' tasks) and puts the crs option and the HA
 * resources back after every case.
 */
@Tag("sim")
class AutoMigrationOnTwinTest {

    @TempDir
    static Path dir;

    private static PipelineRunner.Outcome outcome;

    @BeforeAll
    static void runThePipeline() {
        outcome = PipelineRunner.run(PipelineLoader.load(Path.of("pipelines/auto-migration.yaml")),
                PipelineRunner.Options.of(dir, 2026, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                        List.of()));
    }


    @Test
    void theNativeCrsBalancesTheNodesWithTwoMigrationsOneAtATimeUnderEveryLoad() {
        assertThat(outcome.result().cases()).hasSize(3 * 2);
        for (CaseResult c : outcome.result().cases()) {
            String id = c.plan().id();
            assertThat(c.assessment().verdict()).as(id + ": " + c.steps()).isEqualTo(Verdict.PASS);
            assertThat(value(c, "balance_imbalance_before")).as(id).isGreaterThan(50);
            assertThat(value(c, "balance_migrations")).as(id).isEqualTo(2);
            List<io.pvebench.run.Phase> moves = c.phases().stream().filter(p -> p.name().startsWith("migration vm "))
                    .sorted(java.util.Comparator.comparing(io.pvebench.run.Phase::start)).toList();
            // one HA motion at a time: the second move starts after the first has ended
            assertThat(moves).hasSize(2);
            assertThat(moves.get(1).start()).as(id).isAfterOrEqualTo(moves.get(0).end());
            assertThat(value(c, "balance_failed_migrations")).as(id).isZero();
            assertThat(value(c, "balance_thrash")).as(id).isZero();
            assertThat(value(c, "balance_imbalance_after")).as(id).isLessThan(10);
            // each move's pause, as Proxmox reported it, summed
            assertThat(value(c, "balance_downtime")).as(id).isGreaterThan(0);
            // three CRM rounds above the threshold before each move, then the migration itself
            assertThat(value(c, "balance_time_to_balance")).as(id).isGreaterThanOrEqualTo(60_000);
        }
    }

    @Test
    void theMigrationIsTheHaStacksSeenThroughTheSourcesTasks() throws IOException {
        Path folder = RunOutcomes.runFolder(dir);
        String commands = Files.readString(folder.resolve("raw/commands.jsonl"));
        assertThat(commands).contains("pvesh set /cluster/options --crs ha=dynamic,ha-auto-rebalance=1,"
                        + "ha-auto-rebalance-threshold=30,ha-auto-rebalance-hold-duration=3,ha-auto-rebalance-margin=10")
                .contains("ha-manager add vm:121 --state started").contains("ha-manager remove vm:121")
                .contains("pvesh set /cluster/options --delete crs")
                .contains("--typefilter qmigrate");
        // the watched cases' migrations: pvebench ran none of them itself during the watch
        assertThat(outcome.result().cases()).allSatisfy(c -> assertThat(c.phases())
                .anyMatch(p -> p.name().startsWith("migration vm ")));
        assertThat(outcome.leftChanged()).isEmpty();
    }
}
