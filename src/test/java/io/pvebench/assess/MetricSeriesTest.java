package io.pvebench.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvebench.measure.Metric;
import io.pvebench.measure.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSeriesTest {

    private static final Instant T = Instant.parse("2026-11-25T08:00:00Z");
    private static final List<String> BY_SPEC_AND_SCENARIO = List.of("vmSpec", "scenario");

    private static Sample sample(Metric metric, double value, String vmSpec, String scenario, String repetition) {
        return new Sample(metric.id(), value, metric.unit(), Map.of("run", "r1", "vmSpec", vmSpec,
                "scenario", scenario, "repetition", repetition,
                "case", vmSpec + "-" + scenario + "-r" + repetition), T);
    }

    @Test
    void eachVmSpecAndScenarioBecomesOneSeriesAcrossItsRepetitions() {
        List<Sample> samples = List.of(
                sample(Metric.THROUGHPUT, 9.1e9, "small", "idle", "1"),
                sample(Metric.THROUGHPUT, 9.3e9, "small", "idle", "2"),
                sample(Metric.THROUGHPUT, 9.2e9, "small", "idle", "3"),
                sample(Metric.THROUGHPUT, 8.0e9, "small", "stress", "1"),
                sample(Metric.THROUGHPUT, 8.2e9, "small", "stress", "2"),
                sample(Metric.THROUGHPUT, 9.6e9, "large", "idle", "1"));

        List<MetricSeries> series = MetricSeries.group(samples, BY_SPEC_AND_SCENARIO);

        assertThat(series).extracting(MetricSeries::group).containsExactly(
                Map.of("scenario", "idle", "vmSpec", "large"),
                Map.of("scenario", "idle", "vmSpec", "small"),
                Map.of("scenario", "stress", "vmSpec", "small"));
        MetricSeries smallIdle = series.get(1);
        assertThat(smallIdle.metric()).isEqualTo("throughput");
        assertThat(smallIdle.unit()).isEqualTo("bit/s");
        assertThat(smallIdle.repetitions()).containsExactly("1", "2", "3");
        assertThat(smallIdle.values()).containsExactly(9.1e9, 9.3e9, 9.2e9);
        assertThat(smallIdle.summary(1).median()).isEqualTo(9.2e9);
    }

    @Test
    void aRepetitionWithSeveralSamplesCountsOnceWithTheirMean() {
        List<Sample> samples = List.of(
                sample(Metric.RTT, 0.2, "small", "idle", "1"),
                sample(Metric.RTT, 0.4, "small", "idle", "1"),
                sample(Metric.RTT, 0.9, "small", "idle", "1"),
                sample(Metric.RTT, 0.5, "small", "idle", "2"));

        MetricSeries rtt = MetricSeries.group(samples, BY_SPEC_AND_SCENARIO).get(0);

        assertThat(rtt.repetitions()).containsExactly("1", "2");
        assertThat(rtt.values()).containsExactly(0.5, 0.5);
        assertThat(rtt.summary(1).n()).isEqualTo(2);
    }

    @Test
    void metricsAreNeverMixedAndRepetitionsSortAsNumbers() {
        List<Sample> samples = List.of(
                sample(Metric.RTT_AVG, 0.31, "small", "idle", "10"),
                sample(Metric.RTT_AVG, 0.29, "small", "idle", "2"),
                sample(Metric.PACKET_LOSS, 0, "small", "idle", "2"));

        List<MetricSeries> series = MetricSeries.group(samples, BY_SPEC_AND_SCENARIO);

        assertThat(series).extracting(MetricSeries::metric).containsExactly("packet_loss", "rtt_avg");
        assertThat(series.get(1).repetitions()).containsExactly("2", "10");
        assertThat(series.get(1).values()).containsExactly(0.29, 0.31);
    }

    @Test
    void aLabelNamedAsKeySplitsTheGroupAndOneNotNamedIsAveragedAway() {
        Sample forward = sample(Metric.THROUGHPUT, 9e9, "small", "idle", "1").withLabels(Map.of("direction", "forward"));
        Sample reverse = sample(Metric.THROUGHPUT, 8e9, "small", "idle", "1").withLabels(Map.of("direction", "reverse"));

        assertThat(MetricSeries.group(List.of(forward, reverse), BY_SPEC_AND_SCENARIO))
                .singleElement().extracting(MetricSeries::values).isEqualTo(List.of(8.5e9));
        assertThat(MetricSeries.group(List.of(forward, reverse), List.of("vmSpec", "scenario", "direction")))
                .extracting(MetricSeries::values).containsExactly(List.of(9e9), List.of(8e9));
    }

    @Test
    void samplesWithoutAGroupingLabelFormTheirOwnGroup() {
        Sample labelled = sample(Metric.NODE_CPU, 12, "small", "idle", "1");
        Sample bare = new Sample("node_cpu", 30, "%", Map.of("node", "pve1"), T);

        List<MetricSeries> series = MetricSeries.group(List.of(labelled, bare), BY_SPEC_AND_SCENARIO);

        assertThat(series).extracting(MetricSeries::group)
                .containsExactly(Map.of(), Map.of("scenario", "idle", "vmSpec", "small"));
        assertThat(series.get(0).repetitions()).containsExactly("");
    }

    @Test
    void noSamplesGiveNoSeries() {
        assertThat(MetricSeries.group(List.of(), BY_SPEC_AND_SCENARIO)).isEmpty();
        assertThatThrownBy(() -> new MetricSeries("rtt", "ms", Map.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
