package io.pvebench.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.pvebench.measure.Metric;
import io.pvebench.measure.Sample;
import io.pvebench.measure.Statistic;
import io.pvebench.pipeline.SourcePosition;
import io.pvebench.pipeline.StatisticObjective;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link StatisticCheck#checkCells}: a run's statistic objectives against each cell of its matrix. */
class StatisticObjectivesPerCellTest {

    private static final Instant T = Instant.parse("2026-11-25T08:00:00Z");
    private static final SourcePosition WHERE = new SourcePosition(Path.of("p.yaml"), 20, 3);
    private static final StatisticObjective P05_AT_LEAST_9G =
            new StatisticObjective(Metric.THROUGHPUT, Statistic.P05, 9e9, null, "min: 9 Gbit/s", WHERE);

    private static Sample throughput(double value, String vmSpec, int repetition, String... moreLabels) {
        Map<String, String> labels = new HashMap<>(Map.of("run", "r1", "vmSpec", vmSpec, "scenario", "idle",
                "repetition", String.valueOf(repetition), "node", "pve2",
                "case", vmSpec + "-idle-r" + repetition));
        for (int i = 0; i < moreLabels.length; i += 2) {
            labels.put(moreLabels[i], moreLabels[i + 1]);
        }
        return Sample.of(Metric.THROUGHPUT, value, labels, T);
    }

    @Test
    void aCellWhoseP05ReachesTheMinimumPassesWithItsValueAndRepetitions() {
        List<StatisticResult> results = StatisticCheck.checkCells(List.of(P05_AT_LEAST_9G), List.of(
                throughput(9.4e9, "small", 1), throughput(9.5e9, "small", 2)), 1);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.PASS);
            // the cell's labels come sorted by key
            assertThat(r.group()).containsExactlyEntriesOf(
                    new java.util.TreeMap<>(Map.of("node", "pve2", "scenario", "idle", "vmSpec", "small")));
            // R type 7 with two values: 9.4 + 0.05 * (9.5 - 9.4) Gbit/s
            assertThat(r.observed()).isCloseTo(9.405e9, within(1.0));
            assertThat(r.repetitions()).containsExactly(Map.entry("1", 9.4e9), Map.entry("2", 9.5e9));
            assertThat(r.message()).isEqualTo("throughput p05 9.41 Gbit/s >= 9 Gbit/s");
        });
    }

    @Test
    void eachCellIsJudgedOnItsOwnSoOneSlowCellFailsWhileTheOtherPasses() {
        List<StatisticResult> results = StatisticCheck.checkCells(List.of(P05_AT_LEAST_9G), List.of(
                throughput(9.4e9, "large", 1), throughput(9.5e9, "large", 2),
                throughput(9.4e9, "small", 1), throughput(8.1e9, "small", 2)), 1);

        assertThat(results).extracting(r -> r.group().get("vmSpec"), StatisticResult::verdict)
                .containsExactly(tuple("large", Verdict.PASS),
                        tuple("small", Verdict.FAIL));
        assertThat(results.get(1).message()).startsWith("throughput p05 8.1").endsWith(" < min 9 Gbit/s");
    }

    @Test
    void aSpreadOverOneRepetitionIsUnknownAndSaysWhy() {
        StatisticObjective ci95Low = new StatisticObjective(Metric.THROUGHPUT, Statistic.CI95_LOW, 9e9, null,
                "min: 9 Gbit/s", WHERE);

        List<StatisticResult> results = StatisticCheck.checkCells(List.of(ci95Low),
                List.of(throughput(9.4e9, "small", 1)), 1);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(r.observed()).isNull();
            assertThat(r.message()).isEqualTo("throughput ci95Low needs at least 2 repetitions, got 1");
            assertThat(r.repetitions()).containsExactly(Map.entry("1", 9.4e9));
        });
    }

    @Test
    void forwardAndReverseAreSeparateCellsNeverAveragedTogether() {
        List<StatisticResult> results = StatisticCheck.checkCells(List.of(P05_AT_LEAST_9G), List.of(
                throughput(9.4e9, "small", 1, "direction", "forward"),
                throughput(9.5e9, "small", 2, "direction", "forward"),
                throughput(8.0e9, "small", 1, "direction", "reverse"),
                throughput(8.2e9, "small", 2, "direction", "reverse")), 1);

        assertThat(results).extracting(r -> r.group().get("direction"), StatisticResult::verdict)
                .containsExactly(tuple("forward", Verdict.PASS),
                        tuple("reverse", Verdict.FAIL));
    }

    @Test
    void aVariantLabelSplitsCellsToo() {
        List<StatisticResult> results = StatisticCheck.checkCells(List.of(P05_AT_LEAST_9G), List.of(
                throughput(9.4e9, "small", 1, "variant", "mtu1500"),
                throughput(9.8e9, "small", 1, "variant", "mtu9000")), 1);

        assertThat(results).extracting(r -> r.group().get("variant")).containsExactly("mtu1500", "mtu9000");
    }

    @Test
    void warmUpSamplesDoNotCountTowardsAStatistic() {
        List<StatisticResult> results = StatisticCheck.checkCells(List.of(P05_AT_LEAST_9G), List.of(
                throughput(1e9, "small", 1, "phase", "warmup"),
                throughput(9.4e9, "small", 1),
                throughput(9.5e9, "small", 2)), 1);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.PASS);
            assertThat(r.repetitions()).containsExactly(Map.entry("1", 9.4e9), Map.entry("2", 9.5e9));
        });
    }

    @Test
    void resultsFollowTheObjectivesInFileOrderAndAnUnmeasuredMetricIsUnknown() {
        StatisticObjective rtt = new StatisticObjective(Metric.RTT_AVG, Statistic.MEAN, null, 1.0, "max: 1 ms",
                WHERE);

        List<StatisticResult> results = StatisticCheck.checkCells(List.of(rtt, P05_AT_LEAST_9G),
                List.of(throughput(9.4e9, "small", 1)), 1);

        assertThat(results).extracting(r -> r.objective().key(), StatisticResult::verdict).containsExactly(
                tuple("rttAvg.mean", Verdict.UNKNOWN),
                tuple("throughput.p05", Verdict.PASS));
        assertThat(results.get(0).message()).isEqualTo("no sample of rtt_avg was measured");
    }

    @Test
    void noStatisticObjectivesGiveNoResults() {
        assertThat(StatisticCheck.checkCells(List.of(), List.of(throughput(9.4e9, "small", 1)), 1)).isEmpty();
    }
}
