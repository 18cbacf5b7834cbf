package io.pvebench.assess;

import io.pvebench.assess.RunComparison.Change;
import io.pvebench.assess.RunComparison.Outcome;
import io.pvebench.measure.Sample;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RunComparisonTest {

    private static final Instant T0 = Instant.parse("2026-11-25T18:00:00Z");

    /** One sample per value, each its own repetition of case group small/normal. */
    private static List<Sample> samples(String run, String metric, String unit, double... values) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Map<String, String> labels = new HashMap<>(Map.of("run", run, "case", "small-normal-r" + (i + 1),
                    "repetition", String.valueOf(i + 1), "vmSpec", "small", "scenario", "normal", "direction", "forward"));
            out.add(new Sample(metric, values[i], unit, labels, T0.plusSeconds(i)));
        }
        return out;
    }

    private static Change only(List<Change> changes) {
        assertThat(changes).hasSize(1);
        return changes.get(0);
    }

    @Test
    void aTwentyPercentThroughputDropOverRepetitionsIsARegression() {
        Change c = only(RunComparison.compare(samples("a", "throughput", "bit/s", 9.41e9, 9.40e9, 9.42e9),
                samples("b", "throughput", "bit/s", 7.53e9, 7.51e9, 7.55e9), RunComparison.Settings.DEFAULT));

        assertThat(c.outcome()).isEqualTo(Outcome.REGRESSED);
        assertThat(c.relative()).isCloseTo(-0.2, within(0.001));
        assertThat(c.p().getAsDouble()).isLessThan(0.001);
        assertThat(c.effect().getAsDouble()).isLessThan(-10);
        assertThat(c.group()).containsEntry("vmSpec", "small").containsEntry("direction", "forward")
                .doesNotContainKeys("run", "case", "repetition");
        assertThat(c.why()).startsWith("-20.0 %, p = 0.000");
        assertThat(RunComparison.regressed(List.of(c))).isTrue();
    }

    @Test
    void aRerunWithinTheNoiseOrNotToldFromChanceIsUnchanged() {
        Change small = only(RunComparison.compare(samples("a", "throughput", "bit/s", 9.41e9, 9.40e9),
                samples("b", "throughput", "bit/s", 9.38e9, 9.43e9), RunComparison.Settings.DEFAULT));
        // 10 % apart on average, but the repetitions scatter far more than that
        Change noisy = only(RunComparison.compare(samples("a", "rtt_avg", "ms", 0.2, 0.5, 0.3),
                samples("b", "rtt_avg", "ms", 0.5, 0.2, 0.41), RunComparison.Settings.DEFAULT));

        assertThat(small.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(small.why()).contains("within the noise threshold of 5 %");
        assertThat(noisy.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(noisy.why()).contains("not told from chance");
    }

    @Test
    void theMetricsDirectionDecidesAndAMetricWithoutOneIsOnlyChanged() {
        RunComparison.Settings s = RunComparison.Settings.DEFAULT;
        assertThat(only(RunComparison.compare(samples("a", "rtt_avg", "ms", 0.20, 0.21, 0.20),
                samples("b", "rtt_avg", "ms", 0.30, 0.31, 0.30), s)).outcome()).isEqualTo(Outcome.REGRESSED);
        assertThat(only(RunComparison.compare(samples("a", "failover_reachable", "ms", 150_000, 151_000),
                samples("b", "failover_reachable", "ms", 120_000, 121_000), s)).outcome()).isEqualTo(Outcome.IMPROVED);
        assertThat(only(RunComparison.compare(samples("a", "vm_cpu", "%", 40, 41, 40),
                samples("b", "vm_cpu", "%", 60, 61, 60), s)).outcome()).isEqualTo(Outcome.CHANGED);
    }

    @Test
    void oneRepetitionIsJudgedByTheThresholdAloneAndSaysSo() {
        Change c = only(RunComparison.compare(samples("a", "throughput", "bit/s", 9.4e9),
                samples("b", "throughput", "bit/s", 7.5e9), RunComparison.Settings.DEFAULT));

        assertThat(c.outcome()).isEqualTo(Outcome.REGRESSED);
        assertThat(c.p()).isEmpty();
        assertThat(c.why()).contains("one repetition: no significance test");
    }

    @Test
    void aSeriesCountsOncePerRepetitionAndAMetricOnOneSideOnlyIsSaidSo() {
        List<Sample> before = new ArrayList<>(samples("a", "throughput_interval", "bit/s", 9e9));
        before.add(before.get(0).withLabels(Map.of("interval_start", "1")));
        List<Change> changes = RunComparison.compare(before, samples("b", "packet_loss", "%", 0),
                RunComparison.Settings.DEFAULT);

        assertThat(changes).extracting(Change::metric, Change::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("packet_loss", Outcome.ONLY_IN_RUN),
                org.assertj.core.groups.Tuple.tuple("throughput_interval", Outcome.ONLY_IN_BASELINE));
        assertThat(changes.get(1).baseline()).containsExactly(9e9);
    }

    @Test
    void whatChangedInTheEnvironmentIsListedBesideTheMetrics() {
        assertThat(RunComparison.environmentChanges(
                Map.of("pve.version", "9.2.10", "kernel.pve1", "7.0.4-2-pve", "cluster.name", "lab"),
                Map.of("pve.version", "9.2.11", "kernel.pve1", "7.0.4-2-pve", "orphans", "vm 150")))
                .containsExactly("cluster.name: lab -> (none)", "orphans: (none) -> vm 150",
                        "pve.version: 9.2.10 -> 9.2.11");
    }
}
