package io.pvebench.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pvebench.measure.Statistic;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SummariesTest {

    private static final double EPS = 1e-9;

    @Test
    void fiveValuesGiveTheHandComputedStatistics() {
        // sorted 1 3 4 7 10; squares of deviations from 5: 16 4 1 4 25 = 50; variance 50/4
        Summary s = Summaries.of(new double[] {7, 1, 4, 10, 3}, 1);

        assertThat(s.n()).isEqualTo(5);
        assertThat(s.mean()).isCloseTo(5, within(EPS));
        assertThat(s.median()).isCloseTo(4, within(EPS));
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(10);
        assertThat(s.stdev()).isCloseTo(Math.sqrt(12.5), within(EPS));
        // h = 4 * 0.05 = 0.2 → 1 + 0.2 * (3 - 1); h = 4 * 0.95 = 3.8 → 7 + 0.8 * (10 - 7)
        assertThat(s.p05()).isCloseTo(1.4, within(EPS));
        assertThat(s.p95()).isCloseTo(9.4, within(EPS));
        // t(0.975, 4) = 2.776445 (any t table); half width 2.776445 * sqrt(12.5) / sqrt(5)
        double half = 2.776445 * Math.sqrt(12.5) / Math.sqrt(5);
        assertThat(s.ciLow()).isCloseTo(5 - half, within(1e-5));
        assertThat(s.ciHigh()).isCloseTo(5 + half, within(1e-5));
    }

    @Test
    void percentilesInterpolateBetweenOrderStatisticsAsRType7() {
        double[] x = {4, 1, 3, 2};

        assertThat(Summaries.percentile(x, 0.5)).isCloseTo(2.5, within(EPS));
        assertThat(Summaries.percentile(x, 0.05)).isCloseTo(1.15, within(EPS));   // h = 0.15
        assertThat(Summaries.percentile(x, 0.95)).isCloseTo(3.85, within(EPS));   // h = 2.85
        assertThat(Summaries.percentile(x, 0)).isEqualTo(1);
        assertThat(Summaries.percentile(x, 1)).isEqualTo(4);
        // R: quantile(1:10, c(.05, .95)) → 1.45 9.55
        double[] oneToTen = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(Summaries.percentile(oneToTen, 0.05)).isCloseTo(1.45, within(EPS));
        assertThat(Summaries.percentile(oneToTen, 0.95)).isCloseTo(9.55, within(EPS));
    }

    @Test
    void theTIntervalMatchesStudentsSleepDataAsRReportsIt() {
        // Cushny & Peebles via Student (1908), R's `sleep`: extra sleep, drug 2 minus drug 1.
        // t.test(with(sleep, extra[group == 2] - extra[group == 1])) → 0.7001142 2.4598858
        double[] differences = {1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4};

        Summary s = Summaries.of(differences, 7);

        assertThat(s.mean()).isCloseTo(1.58, within(EPS));
        assertThat(s.ciLow()).isCloseTo(0.7001142, within(1e-6));
        assertThat(s.ciHigh()).isCloseTo(2.4598858, within(1e-6));
    }

    @Test
    void oneValueHasNoSpreadAndNoInterval() {
        Summary s = Summaries.of(new double[] {5}, 1);

        assertThat(s.n()).isEqualTo(1);
        assertThat(new double[] {s.mean(), s.median(), s.min(), s.max(), s.p05(), s.p95()}).containsOnly(5);
        assertThat(s.stdev()).isNaN();
        assertThat(s.ciLow()).isNaN();
        assertThat(s.ciHigh()).isNaN();
        assertThat(s.bootstrapLow()).isNaN();
        assertThat(s.bootstrapHigh()).isNaN();
        assertThat(s.defines(Statistic.P95)).isTrue();
        assertThat(s.defines(Statistic.STDEV)).isFalse();
        assertThat(s.get(Statistic.CI95_LOW)).isNaN();
    }

    @Test
    void twoValuesUseOneDegreeOfFreedom() {
        Summary s = Summaries.of(new double[] {4, 2}, 1);

        assertThat(s.mean()).isCloseTo(3, within(EPS));
        assertThat(s.median()).isCloseTo(3, within(EPS));
        assertThat(s.stdev()).isCloseTo(Math.sqrt(2), within(EPS));
        assertThat(s.p05()).isCloseTo(2.1, within(EPS));
        assertThat(s.p95()).isCloseTo(3.9, within(EPS));
        // t(0.975, 1) = 12.7062; s / sqrt(n) = 1
        assertThat(s.ciLow()).isCloseTo(3 - 12.7062047, within(1e-6));
        assertThat(s.ciHigh()).isCloseTo(3 + 12.7062047, within(1e-6));
        // resample means are 2, 3, 4 with chances 1/4, 1/2, 1/4: the 2.5 % and 97.5 % points
        assertThat(s.bootstrapLow()).isEqualTo(2);
        assertThat(s.bootstrapHigh()).isEqualTo(4);
    }

    @Test
    void theBootstrapIsTheSameForTheSameSeedAndBracketsTheMeanOfANormalSample() {
        Random random = new Random(42);
        double[] x = new double[30];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 + 2 * random.nextGaussian();
        }

        Summary once = Summaries.of(x, 2026);
        Summary again = Summaries.of(x, 2026);
        Summary otherSeed = Summaries.of(x, 2027);

        assertThat(again).isEqualTo(once);
        assertThat(otherSeed.bootstrapLow()).isNotEqualTo(once.bootstrapLow());
        assertThat(once.bootstrapLow()).isLessThan(once.mean());
        assertThat(once.bootstrapHigh()).isGreaterThan(once.mean());
        // for a normal sample of 30 the percentile bootstrap is close to the t interval
        double tWidth = once.ciHigh() - once.ciLow();
        assertThat(once.bootstrapHigh() - once.bootstrapLow()).isCloseTo(tWidth, within(0.2 * tWidth));
        assertThat(once.bootstrapLow()).isCloseTo(once.ciLow(), within(0.15 * tWidth));
    }

    @Test
    void noValuesOrNaNAreRefused() {
        assertThatThrownBy(() -> Summaries.of(new double[0], 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Summaries.of(new double[] {1, Double.NaN}, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Summaries.percentile(new double[] {1}, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSummaryNamesEachStatistic() {
        Summary s = Summaries.of(new double[] {7, 1, 4, 10, 3}, 1);

        assertThat(s.get(Statistic.MEAN)).isEqualTo(s.mean());
        assertThat(s.get(Statistic.MEDIAN)).isEqualTo(s.median());
        assertThat(s.get(Statistic.MIN)).isEqualTo(1);
        assertThat(s.get(Statistic.MAX)).isEqualTo(10);
        assertThat(s.get(Statistic.STDEV)).isEqualTo(s.stdev());
        assertThat(s.get(Statistic.P05)).isEqualTo(s.p05());
        assertThat(s.get(Statistic.P95)).isEqualTo(s.p95());
        assertThat(s.get(Statistic.CI95_LOW)).isEqualTo(s.ciLow());
        assertThat(s.get(Statistic.CI95_HIGH)).isEqualTo(s.ciHigh());
    }
}
