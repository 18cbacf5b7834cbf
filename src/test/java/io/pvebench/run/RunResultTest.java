package io.pvebench.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.assess.Assessment;
import io.pvebench.assess.StatisticCheck;
import io.pvebench.assess.StatisticResult;
import io.pvebench.assess.Verdict;
import io.pvebench.measure.Metric;
import io.pvebench.measure.Sample;
import io.pvebench.measure.Statistic;
import io.pvebench.pipeline.CasePlan;
import io.pvebench.pipeline.SourcePosition;
import io.pvebench.pipeline.StatisticObjective;
import io.pvebench.pipeline.VmSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunResultTest {

    private static final Instant T = Instant.parse("2026-11-25T08:00:00Z");
    private static final VmSpec SMALL = new VmSpec("small", 4, 4L << 30, List.of(101, 102));
    private static final StatisticObjective MIN_AT_LEAST_9G = new StatisticObjective(Metric.THROUGHPUT,
            Statistic.MIN, 9e9, null, "min: 9 Gbit/s", new SourcePosition(Path.of("p.yaml"), 20, 3));

    private static CaseResult kase(int repetition, Verdict verdict, double throughput) {
        CasePlan plan = new CasePlan("small-idle-r" + repetition, SMALL, "idle", repetition);
        Sample sample = Sample.of(Metric.THROUGHPUT, throughput, Map.of("vmSpec", "small", "scenario", "idle",
                "repetition", String.valueOf(repetition), "node", "pve2", "case", plan.id()), T);
        return new CaseResult(plan, new Assessment(verdict, verdict == Verdict.BROKEN ? "session lost" : "",
                List.of()), List.of(), List.of(sample), T, T);
    }

    private static RunResult run(CaseResult... cases) {
        RunInfo info = new RunInfo("r1", "p", Path.of("p.yaml"), "twin", 7, Path.of("reports/r1"), T,
                java.util.Arrays.stream(cases).map(CaseResult::plan).toList());
        return new RunResult(info, Map.of(), List.of(cases), T);
    }

    private static RunResult checked(RunResult run) {
        return run.withStatistics(StatisticCheck.checkCells(List.of(MIN_AT_LEAST_9G), run.unbrokenSamples(),
                run.info().seed()));
    }

    @Test
    void aFailedStatisticFailsARunWhoseCasesAllPassed() {
        RunResult run = checked(run(kase(1, Verdict.PASS, 9.4e9), kase(2, Verdict.PASS, 8.5e9)));

        assertThat(run.statistics()).singleElement().extracting(StatisticResult::verdict).isEqualTo(Verdict.FAIL);
        assertThat(run.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(run.verdict().exitCode()).isEqualTo(1);
    }

    @Test
    void aBrokenCasesNumbersNeverReachTheStatistics() {
        RunResult run = checked(run(kase(1, Verdict.PASS, 9.4e9), kase(2, Verdict.BROKEN, 1e6),
                kase(3, Verdict.PASS, 9.5e9)));

        assertThat(run.unbrokenSamples()).extracting(Sample::value).containsExactly(9.4e9, 9.5e9);
        assertThat(run.statistics()).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.PASS);
            assertThat(r.repetitions()).containsOnlyKeys("1", "3");
        });
        assertThat(run.verdict()).as("the broken case still breaks the run").isEqualTo(Verdict.BROKEN);
    }

    @Test
    void anUndecidedStatisticLeavesThePassedRunUnknown() {
        StatisticObjective stdev = new StatisticObjective(Metric.THROUGHPUT, Statistic.STDEV, null, 1e8,
                "max: 100 Mbit/s", new SourcePosition(Path.of("p.yaml"), 21, 3));
        RunResult run = run(kase(1, Verdict.PASS, 9.4e9));

        RunResult checked = run.withStatistics(StatisticCheck.checkCells(List.of(stdev), run.unbrokenSamples(), 7));

        assertThat(checked.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(checked.statistics().get(0).message())
                .isEqualTo("throughput stdev needs at least 2 repetitions, got 1");
    }

    @Test
    void withoutStatisticsTheCasesAloneDecide() {
        assertThat(run(kase(1, Verdict.PASS, 9.4e9)).verdict()).isEqualTo(Verdict.PASS);
        assertThat(run(kase(1, Verdict.PASS, 9.4e9)).statistics()).isEmpty();
    }
}
