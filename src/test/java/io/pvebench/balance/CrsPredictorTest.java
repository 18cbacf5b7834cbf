package io.pvebench.balance;

import static io.pvebench.balance.Cluster.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.balance.CrsPrediction.Outcome;
import io.pvebench.balance.CrsSettings.Method;
import io.pvebench.balance.CrsSettings.Mode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrsPredictorTest {

    private static final CrsPredictor DEFAULTS = new CrsPredictor(CrsSettings.dynamicDefaults());

    /** Node loads 0.7 and 0.3 (imbalance 0.4); moving vm 101 evens them out. */
    private static ClusterSnapshot imbalanced(int second) {
        return new Cluster().node("pve1", 5, 50).node("pve2", 3, 30).vm(101, "pve1", 2, 20).at(second);
    }

    /** Node loads 0.6 and 0.4 (imbalance 0.2). */
    private static ClusterSnapshot mild(int second) {
        return new Cluster().node("pve1", 4, 40).node("pve2", 4, 40).vm(101, "pve1", 2, 20).at(second);
    }

    private static List<CrsRound> rounds(ClusterSnapshot... snapshots) {
        List<CrsRound> rounds = new ArrayList<>();
        for (ClusterSnapshot s : snapshots) {
            rounds.add(new CrsRound(s, false));
        }
        return rounds;
    }

    private static List<Outcome> outcomes(List<CrsPrediction> predictions) {
        return predictions.stream().map(CrsPrediction::outcome).toList();
    }

    @Test
    void itMigratesInTheRoundTheImbalanceHasBeenAboveTheThresholdForHoldDurationRounds() {
        List<CrsPrediction> predictions = DEFAULTS.predict(rounds(imbalanced(0), imbalanced(10), imbalanced(20)));

        assertThat(outcomes(predictions)).containsExactly(Outcome.HOLDING, Outcome.HOLDING, Outcome.MIGRATE);
        CrsPrediction migrate = predictions.get(2);
        assertThat(migrate.at()).isEqualTo(T0.plusSeconds(20));
        assertThat(migrate.roundsAbove()).isEqualTo(3);
        assertThat(migrate.move()).hasValueSatisfying(m -> {
            assertThat(m.vmid()).isEqualTo(101);
            assertThat(m.target()).isEqualTo("pve2");
            assertThat(m.logLine()).isEqualTo(
                    "auto rebalance - migrate vm:101 to pve2 (expected change for imbalance from 0.40 to 0.00)");
        });
        assertThat(predictions.get(0).reason()).isEqualTo("imbalance 40 % above 30 % for 1 of 3 rounds");
    }

    @Test
    void theReferencesPointSixAndPointFourNeverTriggers() {
        List<CrsPrediction> predictions = DEFAULTS.predict(rounds(mild(0), mild(10), mild(20), mild(30), mild(40)));

        assertThat(outcomes(predictions)).containsOnly(Outcome.BALANCED);
        assertThat(predictions.get(0).imbalance()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void theHoldCounterResetsWhenTheImbalanceFallsBackToTheThreshold() {
        List<CrsPrediction> predictions = DEFAULTS.predict(rounds(imbalanced(0), imbalanced(10), mild(20),
                imbalanced(30), imbalanced(40), imbalanced(50)));

        assertThat(outcomes(predictions)).containsExactly(Outcome.HOLDING, Outcome.HOLDING, Outcome.BALANCED,
                Outcome.HOLDING, Outcome.HOLDING, Outcome.MIGRATE);
    }

    @Test
    void oneMoveAtATimeRoundsWithAnHaMotionQueuedOrRunningAreSkipped() {
        List<CrsRound> rounds = List.of(new CrsRound(imbalanced(0), false), new CrsRound(imbalanced(10), false),
                new CrsRound(imbalanced(20), true), new CrsRound(imbalanced(30), true),
                new CrsRound(imbalanced(40), false));

        List<CrsPrediction> predictions = DEFAULTS.predict(rounds);

        assertThat(outcomes(predictions)).containsExactly(Outcome.HOLDING, Outcome.HOLDING,
                Outcome.SKIPPED_MOTION, Outcome.SKIPPED_MOTION, Outcome.MIGRATE);
        assertThat(predictions).filteredOn(p -> p.move().isPresent()).hasSize(1);
    }

    @Test
    void afterACommittedMoveTheNextOneNeedsAFreshHold() {
        List<CrsPrediction> predictions = DEFAULTS.predict(rounds(imbalanced(0), imbalanced(10), imbalanced(20),
                imbalanced(30), imbalanced(40), imbalanced(50)));

        assertThat(outcomes(predictions)).containsExactly(Outcome.HOLDING, Outcome.HOLDING, Outcome.MIGRATE,
                Outcome.HOLDING, Outcome.HOLDING, Outcome.MIGRATE);
    }

    @Test
    void aMoveThatImprovesLessThanTheMarginIsNotCommitted() {
        ClusterSnapshot tinyGuest = new Cluster().node("pve1", 6.9, 69).node("pve2", 3, 30)
                .vm(101, "pve1", 0.1, 1).at(0);

        CrsPrediction prediction = new CrsPredictor(new CrsSettings(true, Mode.DYNAMIC, 30, 1, 10, Method.BRUTEFORCE))
                .predict(rounds(tinyGuest)).get(0);

        assertThat(prediction.outcome()).isEqualTo(Outcome.BELOW_MARGIN);
        assertThat(prediction.reason()).contains("less than the margin of 10 %");
    }

    @Test
    void onlyStartedHaResourcesAreCandidatesThoughEveryGuestCountsAsLoad() {
        ClusterSnapshot mixed = new Cluster().node("pve1", 1, 10).node("pve2", 3, 30)
                .guest(101, "pve1", 4, 40, false).guest(102, "pve1", 2, 20, true).at(0);
        ClusterSnapshot onlyNonHa = new Cluster().node("pve1", 5, 50).node("pve2", 3, 30)
                .guest(101, "pve1", 2, 20, false).at(0);
        CrsPredictor noHold = new CrsPredictor(new CrsSettings(true, Mode.DYNAMIC, 30, 1, 10, Method.BRUTEFORCE));

        assertThat(noHold.predict(rounds(mixed)).get(0).move()).hasValueSatisfying(m -> assertThat(m.vmid()).isEqualTo(102));
        assertThat(noHold.predict(rounds(onlyNonHa)).get(0).outcome()).isEqualTo(Outcome.NO_CANDIDATE);
    }

    @Test
    void bruteforcePicksTheMoveWithTheLowestImbalanceAfterIt() {
        ClusterSnapshot threeNodes = new Cluster().node("pve1", 4, 40).node("pve2", 3, 30).node("pve3", 1, 10)
                .vm(101, "pve1", 1, 10).vm(102, "pve1", 3, 30).at(0);
        CrsPredictor noHold = new CrsPredictor(new CrsSettings(true, Mode.DYNAMIC, 10, 1, 10, Method.BRUTEFORCE));

        // loads 0.8, 0.3, 0.1: vm 102 to pve3 gives 0.5, 0.3, 0.4, the most even of the six moves
        assertThat(noHold.predict(rounds(threeNodes)).get(0).move()).hasValueSatisfying(m -> {
            assertThat(m.vmid()).isEqualTo(102);
            assertThat(m.target()).isEqualTo("pve3");
        });
    }

    @Test
    void nothingHappensWhenAutoRebalanceIsOffOrTheModeIsBasic() {
        CrsPredictor off = new CrsPredictor(new CrsSettings(false, Mode.DYNAMIC, 30, 0, 10, Method.BRUTEFORCE));
        CrsPredictor basic = new CrsPredictor(new CrsSettings(true, Mode.BASIC, 30, 0, 10, Method.BRUTEFORCE));

        assertThat(outcomes(off.predict(rounds(imbalanced(0))))).containsExactly(Outcome.OFF);
        assertThat(outcomes(basic.predict(rounds(imbalanced(0))))).containsExactly(Outcome.OFF);
    }

    @Test
    void staticModeAndTopsisAreSaidNotToBePredicted() {
        CrsPredictor topsis = new CrsPredictor(new CrsSettings(true, Mode.DYNAMIC, 30, 0, 10, Method.TOPSIS));
        CrsPredictor stat = new CrsPredictor(new CrsSettings(true, Mode.STATIC, 30, 0, 10, Method.BRUTEFORCE));

        assertThat(outcomes(topsis.predict(rounds(imbalanced(0))))).containsExactly(Outcome.NOT_PREDICTED);
        assertThat(outcomes(stat.predict(rounds(imbalanced(0))))).containsExactly(Outcome.NOT_PREDICTED);
        assertThat(outcomes(stat.predict(rounds(mild(0))))).containsExactly(Outcome.BALANCED);
    }
}
