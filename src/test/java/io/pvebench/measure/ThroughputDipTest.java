package io.pvebench.measure;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThroughputDipTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    /** 0.1 s intervals at 9.4 Gbit/s, with the given rates from interval {@code from} on. */
    private static List<Sample> intervals(int count, int from, double... rates) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double rate = i >= from && i - from < rates.length ? rates[i - from] : 9.4e9;
            out.add(Sample.of(Metric.THROUGHPUT_INTERVAL, rate,
                    Map.of("interval_start", String.format(java.util.Locale.ROOT, "%.1f", i / 10.0)),
                    START.plusMillis(i * 100L)));
        }
        return out;
    }

    @Test
    void stallOfThreeIntervalsLosesThreeHundredMilliseconds() {
        ThroughputDip dip = ThroughputDip.of(intervals(50, 20, 0, 0, 0), START);

        ThroughputDip.Effect effect = dip.during(START.plusSeconds(1), START.plusSeconds(4)).orElseThrow();

        assertThat(effect.rateBefore()).isEqualTo(9.4e9);
        assertThat(effect.dipPercent()).isCloseTo(100, within(1e-9));
        assertThat(effect.lost().toMillis()).isEqualTo(300);
    }

    @Test
    void halfSpeedForOneSecondLosesHalfASecond() {
        double[] half = new double[10];
        java.util.Arrays.fill(half, 4.7e9);

        ThroughputDip.Effect effect = ThroughputDip.of(intervals(50, 20, half), START)
                .during(START.plusSeconds(1), START.plusSeconds(4)).orElseThrow();

        assertThat(effect.lost().toMillis()).isEqualTo(500);
        assertThat(effect.dipPercent()).isCloseTo(50, within(1e-9));
    }

    @Test
    void catchingUpAfterAStallDoesNotHideIt() {
        ThroughputDip.Effect effect = ThroughputDip.of(intervals(50, 20, 0, 18.8e9), START)
                .during(START.plusSeconds(1), START.plusSeconds(4)).orElseThrow();

        assertThat(effect.lost().toMillis()).isEqualTo(100);
    }

    @Test
    void rateBeforeIsTheMedianSoSlowStartDoesNotLowerIt() {
        List<Sample> samples = intervals(50, 0, 1e9, 5e9);

        ThroughputDip.Effect effect = ThroughputDip.of(samples, START)
                .during(START.plusSeconds(3), START.plusSeconds(4)).orElseThrow();

        assertThat(effect.rateBefore()).isEqualTo(9.4e9);
        assertThat(effect.lost()).isEqualTo(Duration.ZERO);
    }

    @Test
    void noIntervalBeforeTheDisturbanceGivesNoEffect() {
        assertThat(ThroughputDip.of(intervals(10, 0), START).during(START, START.plusSeconds(1))).isEmpty();
    }
}
