package io.pvebench.assess;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.measure.Metric;
import io.pvebench.measure.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgedSamplesTest {

    private static final Instant T = Instant.parse("2026-11-25T08:00:00Z");

    private static Sample rtt(double value, Map<String, String> labels) {
        return Sample.of(Metric.RTT, value, labels, T);
    }

    @Test
    void samplesOfTheWarmUpAreLeftOutAndEveryOtherSampleIsKeptInOrder() {
        Sample warmup = rtt(9.0, Map.of("phase", "warmup"));
        Sample load = rtt(0.4, Map.of("phase", "load"));
        Sample unphased = rtt(0.3, Map.of());
        Sample later = rtt(0.5, Map.of("phase", "load"));

        assertThat(JudgedSamples.of(List.of(warmup, load, unphased, later))).containsExactly(load, unphased, later);
        assertThat(JudgedSamples.counts(warmup)).isFalse();
        assertThat(JudgedSamples.counts(unphased)).isTrue();
    }

    @Test
    void onlyTheExactPhaseLabelMarksAWarmUp() {
        assertThat(JudgedSamples.counts(rtt(1, Map.of("phase", "Warmup")))).isTrue();
        assertThat(JudgedSamples.counts(rtt(1, Map.of("stage", "warmup")))).isTrue();
    }
}
