package io.pvebench.ha;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PredictionCheckTest {

    private static final RecoveryWindow WINDOW = new RecoveryWindow(Duration.ofSeconds(110), Duration.ofSeconds(140),
            "fence delay + lock");
    private static final FailoverPrediction RESTART = FailoverPrediction.restarts("pve1", "vm:101", "pve2", WINDOW,
            "pve2 has room", Optional.empty(), List.of());
    private static final FailoverPrediction NONE = FailoverPrediction.none("pve1", "vm:101",
            "2 nodes without QDevice: pve2 keeps 1 of 2 votes, no quorum", Optional.empty(), List.of());

    @Test
    void aRestartOnThePredictedNodeWithinTheWindowHolds() {
        PredictionCheck check = PredictionCheck.of(RESTART, Optional.of(Duration.ofSeconds(131)), Optional.of("pve2"));

        assertThat(check.held()).isTrue();
        assertThat(check.words()).isEqualTo("as predicted: restarted on pve2 after 131 s (window 110–140 s)");
    }

    @Test
    void anotherNodeOrAMuchLaterRestartOrNoneAtAllMissesIt() {
        assertThat(PredictionCheck.of(RESTART, Optional.of(Duration.ofSeconds(131)), Optional.of("pve3")).words())
                .isEqualTo("predicted on pve2: restarted on pve3 after 131 s (window 110–140 s)");
        // one round beyond the window still counts; more does not
        assertThat(PredictionCheck.of(RESTART, Optional.of(Duration.ofSeconds(150)), Optional.of("pve2")).held())
                .isTrue();
        assertThat(PredictionCheck.of(RESTART, Optional.of(Duration.ofSeconds(151)), Optional.of("pve2")).words())
                .startsWith("later than predicted");
        assertThat(PredictionCheck.of(RESTART, Optional.empty(), Optional.empty()).words())
                .isEqualTo("predicted a restart on pve2 (window 110–140 s), but it did not run again");
    }

    @Test
    void noRecoveryHoldsOnlyWhileTheVmStaysDown() {
        assertThat(PredictionCheck.of(NONE, Optional.empty(), Optional.empty()).words())
                .isEqualTo("as predicted: not recovered (2 nodes without QDevice: pve2 keeps 1 of 2 votes, no quorum)");
        assertThat(PredictionCheck.of(NONE, Optional.of(Duration.ofSeconds(90)), Optional.of("pve2")).held()).isFalse();
    }

    @Test
    void aVmBackOnlyOnItsOwnNodeAfterThatNodeCameBackWasNotFailedOver() {
        assertThat(PredictionCheck.of(NONE, Optional.of(Duration.ofSeconds(167)), Optional.of("pve1")).words())
                .isEqualTo("as predicted: not failed over (2 nodes without QDevice: pve2 keeps 1 of 2 votes, no"
                        + " quorum); it ran again on pve1 after 167 s, once that node came back");
        assertThat(PredictionCheck.of(RESTART, Optional.of(Duration.ofSeconds(167)), Optional.of("pve1")).held())
                .isFalse();
    }
}
