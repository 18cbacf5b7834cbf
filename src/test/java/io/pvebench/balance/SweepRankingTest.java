package io.pvebench.balance;

import static io.pvebench.balance.Cluster.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SweepRankingTest {

    private static SweepSetting crs(double threshold, int holdRounds) {
        return new SweepSetting(BalancerKind.NATIVE_CRS, threshold, Hold.rounds(holdRounds), 10);
    }

    private static BalanceScore score(Integer balancedAfterSeconds, int migrations, int failed, int thrash,
            double imbalanceAfter) {
        return new BalanceScore(T0, T0.plusSeconds(300), 0.4, imbalanceAfter, 0.4, imbalanceAfter,
                Optional.ofNullable(balancedAfterSeconds).map(Duration::ofSeconds), migrations, failed, thrash,
                List.of(), Map.of(), OptionalDouble.empty());
    }

    @Test
    void balancedBeatsUnbalancedAndFasterBeatsSlower() {
        SweepResult slow = new SweepResult(crs(20, 3), "normal", score(90, 1, 0, 0, 0));
        SweepResult fast = new SweepResult(crs(30, 3), "normal", score(40, 1, 0, 0, 0));
        SweepResult never = new SweepResult(crs(50, 6), "normal", score(null, 0, 0, 0, 0.4));

        assertThat(SweepRanking.rank(List.of(never, slow, fast))).containsExactly(fast, slow, never);
    }

    @Test
    void thrashAndFailuresWeighMoreThanSpeed() {
        SweepResult thrashing = new SweepResult(crs(10, 1), "normal", score(20, 4, 0, 2, 0));
        SweepResult failing = new SweepResult(crs(15, 1), "normal", score(25, 2, 1, 0, 0));
        SweepResult calm = new SweepResult(crs(30, 3), "normal", score(60, 1, 0, 0, 0));

        assertThat(SweepRanking.rank(List.of(thrashing, failing, calm))).containsExactly(calm, thrashing, failing);
    }

    @Test
    void amongUnbalancedTheLowerFinalImbalanceRanksFirst() {
        SweepResult worse = new SweepResult(crs(30, 3), "heavy", score(null, 2, 0, 0, 0.35));
        SweepResult better = new SweepResult(crs(20, 3), "heavy", score(null, 3, 0, 0, 0.2));

        assertThat(SweepRanking.rank(List.of(worse, better))).containsExactly(better, worse);
    }

    @Test
    void theRecommendationIsWordedFromTheDataPerLoad() {
        List<SweepResult> results = List.of(
                new SweepResult(crs(30, 3), "normal", score(40, 1, 0, 0, 0)),
                new SweepResult(crs(20, 3), "normal", score(70, 2, 0, 0, 0)),
                new SweepResult(crs(30, 3), "heavy", score(null, 3, 0, 0, 0.45)),
                new SweepResult(crs(20, 3), "heavy", score(null, 4, 1, 0, 0.4)));

        assertThat(SweepRanking.recommend(results)).isEqualTo(
                "threshold 30 % with hold 3 rounds, margin 10 % (native CRS): balanced in 40 s with 1 migration"
                        + " under normal load; under heavy load no setting balanced within 5 min");
    }

    @Test
    void aRecommendationMentionsFailuresAndMovesBackOfTheBestSetting() {
        List<SweepResult> results = List.of(new SweepResult(
                new SweepSetting(BalancerKind.THRESHOLD_POLICY, 75, Hold.lasting(Duration.ofSeconds(30)), 12.5),
                "light", score(95, 3, 1, 1, 0)));

        assertThat(SweepRanking.recommend(results)).isEqualTo(
                "threshold 75 % with hold 30 s, margin 12.5 % (pvebench threshold policy): balanced in 1 min 35 s"
                        + " with 3 migrations (1 failed, 1 moved back) under light load");
        assertThat(SweepRanking.recommend(List.of())).isEqualTo("no sweep results");
    }
}
