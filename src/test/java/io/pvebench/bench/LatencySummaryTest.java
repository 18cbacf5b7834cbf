package io.pvebench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void percentilesAreNearestRankSamples() {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (100 - i) * 1_000_000L; // 100 ms down to 1 ms, unsorted on purpose
        }
        LatencySummary s = LatencySummary.of(nanos);
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.minNanos()).isEqualTo(1_000_000L);
        assertThat(s.p50Nanos()).isEqualTo(50_000_000L);
        assertThat(s.p90Nanos()).isEqualTo(90_000_000L);
        assertThat(s.p99Nanos()).isEqualTo(99_000_000L);
        assertThat(s.maxNanos()).isEqualTo(100_000_000L);
        assertThat(s.iqrNanos()).isEqualTo(50_000_000L);
        assertThat(nanos[0]).as("input left unsorted").isEqualTo(100_000_000L);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        LatencySummary s = LatencySummary.of(new long[] {7});
        assertThat(s.p50Nanos()).isEqualTo(7);
        assertThat(s.p99Nanos()).isEqualTo(7);
        assertThat(s.iqrNanos()).isZero();
    }

    @Test
    void noSamplesIsAnError() {
        assertThatThrownBy(() -> LatencySummary.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratiosAndMillisecondsPrintWithTwoDecimals() {
        assertThat(LatencySummary.millis(12_345_678)).isEqualTo("12.35");
        assertThat(LatencySummary.ratio(3, 2)).isEqualTo("1.50x");
        assertThat(LatencySummary.ratio(3, 0)).isEqualTo("-");
    }
}
