package io.pvebench.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pvebench.measure.Metric;
import io.pvebench.measure.Statistic;
import io.pvebench.pipeline.SourcePosition;
import io.pvebench.pipeline.StatisticObjective;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatisticCheckTest {

    private static final Map<String, String> SMALL_IDLE = Map.of("vmSpec", "small", "scenario", "idle");
    private static final SourcePosition WHERE = new SourcePosition(Path.of("pipelines/demo.yaml"), 30, 3);

    private static StatisticObjective objective(Metric metric, Statistic statistic, Double min, Double max) {
        return new StatisticObjective(metric, statistic, min, max, "as written", WHERE);
    }

    private static MetricSeries series(Metric metric, Map<String, String> group, double... values) {
        List<String> repetitions = new ArrayList<>();
        List<Double> list = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            repetitions.add(String.valueOf(i + 1));
            list.add(values[i]);
        }
        return new MetricSeries(metric.id(), metric.unit(), group, repetitions, list);
    }

    @Test
    void statisticsAreWrittenAsUsersWriteThem() {
        assertThat(Statistic.byId("p05")).contains(Statistic.P05);
        assertThat(Statistic.byId("stdev")).contains(Statistic.STDEV);
        assertThat(Statistic.byId("ci95Low")).contains(Statistic.CI95_LOW);
        assertThat(Statistic.byId("P05")).isEmpty();
        assertThat(Statistic.byId("p50")).isEmpty();
        assertThat(Statistic.values()).extracting(Statistic::id).containsExactly(
                "mean", "median", "min", "max", "stdev", "p05", "p95", "ci95Low", "ci95High");
    }

    @Test
    void aPercentileAboveTheMinimumPasses() {
        // three repetitions: p05 = 9.36 + 0.1 * (9.56 - 9.36) = 9.38 Gbit/s
        StatisticObjective objective = objective(Metric.THROUGHPUT, Statistic.P05, 9e9, null);

        List<StatisticResult> results = StatisticCheck.check(objective,
                List.of(series(Metric.THROUGHPUT, SMALL_IDLE, 9.56e9, 9.36e9, 9.6e9)), 1);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.PASS);
            assertThat(r.group()).isEqualTo(SMALL_IDLE);
            assertThat(r.observed()).isCloseTo(9.38e9, within(1.0));
            assertThat(r.message()).isEqualTo("throughput p05 9.38 Gbit/s >= 9 Gbit/s");
        });
    }

    @Test
    void aMeanAboveTheMaximumFailsAndSaysBy() {
        StatisticObjective objective = objective(Metric.RTT_AVG, Statistic.MEAN, null, 1.0);
        Summary summary = Summaries.of(new double[] {2, 3}, 1);

        StatisticResult result = StatisticCheck.check(objective, SMALL_IDLE, summary);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.observed()).isEqualTo(2.5);
        assertThat(result.message()).isEqualTo("rtt_avg mean 2.5 ms > max 1 ms");
    }

    @Test
    void aStatisticBelowTheMinimumFails() {
        StatisticObjective objective = objective(Metric.THROUGHPUT, Statistic.CI95_LOW, 9e9, null);
        Summary summary = Summaries.of(new double[] {9.1e9, 9.5e9, 8.9e9}, 1);

        StatisticResult result = StatisticCheck.check(objective, SMALL_IDLE, summary);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.observed()).isEqualTo(summary.ciLow());
        assertThat(result.message()).startsWith("throughput ci95Low ").endsWith(" < min 9 Gbit/s");
    }

    @Test
    void bothBoundsAreNamedWhenTheyHold() {
        StatisticObjective objective = objective(Metric.PACKET_LOSS, Statistic.MAX, 0.0, 1.0);

        StatisticResult result = StatisticCheck.check(objective, SMALL_IDLE, Summaries.of(new double[] {0, 0.5}, 1));

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.message()).isEqualTo("packet_loss max 0.5 % >= 0 % and <= 1 %");
    }

    @Test
    void aSpreadOfOneRepetitionIsUnknownNotPassed() {
        StatisticObjective stdev = objective(Metric.RTT_AVG, Statistic.STDEV, null, 0.1);
        StatisticObjective ciHigh = objective(Metric.RTT_AVG, Statistic.CI95_HIGH, null, 1.0);
        Summary one = Summaries.of(new double[] {0.3}, 1);

        StatisticResult result = StatisticCheck.check(stdev, SMALL_IDLE, one);

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.observed()).isNull();
        assertThat(result.message()).isEqualTo("rtt_avg stdev needs at least 2 repetitions, got 1");
        assertThat(StatisticCheck.check(ciHigh, SMALL_IDLE, one).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(StatisticCheck.check(objective(Metric.RTT_AVG, Statistic.MEAN, null, 1.0),
                SMALL_IDLE, one).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aMetricNobodyMeasuredIsUnknown() {
        StatisticObjective objective = objective(Metric.THROUGHPUT, Statistic.MEAN, 9e9, null);

        List<StatisticResult> results = StatisticCheck.check(objective,
                List.of(series(Metric.RTT_AVG, SMALL_IDLE, 0.3)), 1);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(r.group()).isEmpty();
            assertThat(r.message()).isEqualTo("no sample of throughput was measured");
        });
    }

    @Test
    void everyGroupOfTheMetricGetsItsOwnResult() {
        StatisticObjective objective = objective(Metric.THROUGHPUT, Statistic.MEDIAN, 9e9, null);
        Map<String, String> smallStress = Map.of("vmSpec", "small", "scenario", "stress");

        List<StatisticResult> results = StatisticCheck.check(objective, List.of(
                series(Metric.THROUGHPUT, SMALL_IDLE, 9.4e9, 9.5e9),
                series(Metric.THROUGHPUT, smallStress, 8.1e9, 8.3e9, 8.2e9)), 1);

        assertThat(results).extracting(StatisticResult::group).containsExactly(SMALL_IDLE, smallStress);
        assertThat(results).extracting(StatisticResult::verdict).containsExactly(Verdict.PASS, Verdict.FAIL);
        assertThat(Verdict.overall(results.stream().map(StatisticResult::verdict).toList())).isEqualTo(Verdict.FAIL);
    }

    @Test
    void anObjectiveNeedsABoundAndOrderedBounds() {
        assertThatThrownBy(() -> objective(Metric.RTT, Statistic.P95, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> objective(Metric.RTT, Statistic.P95, 2.0, 1.0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
