package io.pvebench.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StudentTTest {

    @Test
    void twoSidedNinetyFivePercentQuantilesMatchTheTable() {
        // R: qt(0.975, df)
        assertThat(StudentT.quantile(0.975, 1)).isCloseTo(12.7062047, within(1e-6));
        assertThat(StudentT.quantile(0.975, 2)).isCloseTo(4.3026527, within(1e-6));
        assertThat(StudentT.quantile(0.975, 4)).isCloseTo(2.7764451, within(1e-6));
        assertThat(StudentT.quantile(0.975, 9)).isCloseTo(2.2621572, within(1e-6));
        assertThat(StudentT.quantile(0.975, 30)).isCloseTo(2.0422725, within(1e-6));
        assertThat(StudentT.quantile(0.975, 100)).isCloseTo(1.9839715, within(1e-6));
    }

    @Test
    void manyDegreesOfFreedomApproachTheNormal() {
        assertThat(StudentT.quantile(0.975, 1e7)).isCloseTo(1.9599640, within(1e-5));
    }

    @Test
    void theDistributionIsSymmetric() {
        assertThat(StudentT.cdf(0, 5)).isCloseTo(0.5, within(1e-12));
        assertThat(StudentT.cdf(-1.3, 5) + StudentT.cdf(1.3, 5)).isCloseTo(1, within(1e-12));
        assertThat(StudentT.quantile(0.025, 4)).isCloseTo(-2.7764451, within(1e-6));
        // df 1 is Cauchy: P(T <= 1) = 3/4
        assertThat(StudentT.cdf(1, 1)).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void probabilitiesOutsideTheOpenUnitIntervalAreRefused() {
        assertThatThrownBy(() -> StudentT.quantile(1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StudentT.quantile(0.5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
