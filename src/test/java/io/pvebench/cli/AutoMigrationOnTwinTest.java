package io.pvebench.cli;

import io.pvebench.assess.Verdict;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.CaseResult;
import io.pvebench.run.Phase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.pvebench.cli.RunOutcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped auto-migration pipeline on the twin: PVE 9.2's CRS, set for the watch, spreads ten
 * HA VMs gathered on one node, one move at a time, through the HA stack; pvebench only watches
 * (the migrations come from the nodes' tasks), reads the nodes' run queues beside it, and puts
 * the crs option and the HA resources back after every case. Under normal load the CRS balances
 * the nodes; under heavy load it stops early, because the usage it reads stops at 100 % of the
 * busy node's CPUs, and guests wait for CPU there while the other node has CPUs to spare.
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

    private static CaseResult under(String scenario) {
        return outcome.result().cases().stream().filter(c -> c.plan().scenario().equals(scenario)).findFirst()
                .orElseThrow();
    }

    @Test
    void theNativeCrsMovesOneHaVmAtATimeWithoutFailureOrThrashUnderEveryLoad() {
        assertThat(outcome.result().cases()).hasSize(3);
        for (CaseResult c : outcome.result().cases()) {
            String id = c.plan().id();
            assertThat(value(c, "balance_imbalance_before")).as(id).isGreaterThan(50);
            List<Phase> moves = c.phases().stream().filter(p -> p.name().startsWith("migration vm "))
                    .sorted(Comparator.comparing(Phase::start)).toList();
            assertThat(moves).as(id).hasSizeGreaterThanOrEqualTo(2);
            assertThat((double) moves.size()).as(id).isEqualTo(value(c, "balance_migrations"));
            // one HA motion at a time: a move starts after the one before it has ended
            for (int i = 1; i < moves.size(); i++) {
                assertThat(moves.get(i).start()).as(id).isAfterOrEqualTo(moves.get(i - 1).end());
            }
            assertThat(value(c, "balance_failed_migrations")).as(id).isZero();
            assertThat(value(c, "balance_thrash")).as(id).isZero();
            assertThat(value(c, "balance_downtime")).as(id).isGreaterThan(0);
        }
        for (String steady : List.of("normal", "heavy")) {
            CaseResult c = under(steady);
            // by its own standard the CRS is done: its imbalance stays under its 30 % threshold (under
            // anomaly load its point readings swing with every burst, so the last one says little)
            assertThat(value(c, "balance_imbalance_after")).as(steady).isLessThan(30);
            // three CRM rounds above the threshold before the first move, then the migration itself
            assertThat(value(c, "balance_time_to_balance")).as(steady).isGreaterThanOrEqualTo(30_000);
        }
    }

    @Test
    void underNormalLoadTheCrsBalancesTheNodesAndNoGuestWaitsForCpu() {
        CaseResult normal = under("normal");
        assertThat(normal.assessment().verdict()).as(normal.steps().toString()).isEqualTo(Verdict.PASS);
        assertThat(value(normal, "balance_stranded_cpu")).isLessThan(1);
    }

    @Test
    void underHeavyLoadTheCrsStopsWhileGuestsWaitForCpuBesideIdleCpus() {
        CaseResult heavy = under("heavy");
        CaseResult normal = under("normal");
        // the busy node reads "100 %" from the first move on, so the CRS's imbalance falls under its
        // threshold sooner, with fewer moves, than under normal load
        assertThat(value(heavy, "balance_migrations")).isLessThan(value(normal, "balance_migrations"));
        assertThat(value(heavy, "balance_stranded_cpu")).isGreaterThan(1);
        assertThat(heavy.assessment().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(heavy.assessment().objectives()).filteredOn(o -> o.verdict() == Verdict.FAIL)
                .singleElement().satisfies(o -> assertThat(o.message()).contains("balance_stranded_cpu"));
        // the run queues say why: more runnable threads than CPUs on one node, fewer on the other
        Map<String, Double> lastQueue = new java.util.TreeMap<>();
        heavy.samples().stream().filter(s -> s.metric().equals("balance_run_queue"))
                .forEach(s -> lastQueue.put(s.labels().get("node"), s.value()));
        assertThat(lastQueue).hasSize(2);
        assertThat(lastQueue.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow())
                .isGreaterThan(1.2);
        assertThat(lastQueue.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow())
                .isLessThan(0.95);
        assertThat(heavy.steps().toString()).contains("CPUs stood idle while guests on another node waited");
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
