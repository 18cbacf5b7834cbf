package io.pvebench.balance;

import static io.pvebench.balance.Cluster.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BalanceScoreTest {

    private static final ScoreSettings SETTINGS = new ScoreSettings(10, Duration.ofSeconds(30), Duration.ofMinutes(5));

    /** Loads 0.7/0.3 (imbalance 0.4, CPU spread 0.4) before second {@code movedAt}, 0.5/0.5 from then on. */
    private static List<ClusterSnapshot> timeline(int movedAt, int until) {
        List<ClusterSnapshot> timeline = new ArrayList<>();
        for (int s = 0; s <= until; s += 10) {
            timeline.add(s < movedAt ? even(false, s) : even(true, s));
        }
        return timeline;
    }

    private static ClusterSnapshot even(boolean even, int second) {
        return new Cluster().node("pve1", 5, 50).node("pve2", 3, 30)
                .vm(101, even ? "pve2" : "pve1", 2, 20).at(second);
    }

    private static Migration move(int vmid, String from, String to, int start, int end, boolean ok) {
        return new Migration(vmid, from, to, T0.plusSeconds(start), T0.plusSeconds(end), ok, Optional.empty());
    }

    @Test
    void imbalanceAndCpuSpreadAreTakenAtTheFirstAndLastSnapshots() {
        BalanceScore score = BalanceScore.of(timeline(40, 120), List.of(move(101, "pve1", "pve2", 20, 35, true)), SETTINGS);

        assertThat(score.imbalanceBefore()).isCloseTo(0.4, within(1e-9));
        assertThat(score.imbalanceAfter()).isCloseTo(0, within(1e-9));
        assertThat(score.cpuSpreadBefore()).isCloseTo(0.4, within(1e-9));
        assertThat(score.cpuSpreadAfter()).isCloseTo(0, within(1e-9));
        assertThat(score.observed()).isEqualTo(Duration.ofMinutes(2));
        assertThat(score.migrations()).isEqualTo(1);
    }

    @Test
    void timeToBalanceIsWhenTheImbalanceStartsStayingUnderTheTargetForTheWindow() {
        BalanceScore score = BalanceScore.of(timeline(40, 120), List.of(), SETTINGS);

        assertThat(score.timeToBalance()).contains(Duration.ofSeconds(40));
        assertThat(score.balanced()).isTrue();
    }

    @Test
    void aBriefDipUnderTheTargetIsNotBalance() {
        List<ClusterSnapshot> timeline = new ArrayList<>(timeline(1000, 50));
        timeline.set(2, even(true, 20));
        for (int s = 60; s <= 120; s += 10) {
            timeline.add(even(true, s));
        }

        assertThat(BalanceScore.of(timeline, List.of(), SETTINGS).timeToBalance()).contains(Duration.ofSeconds(60));
    }

    @Test
    void aTimelineThatEndsBeforeTheWindowIsFullHasNotBalanced() {
        BalanceScore score = BalanceScore.of(timeline(100, 120), List.of(), SETTINGS);

        assertThat(score.timeToBalance()).isEmpty();
        assertThat(score.balanced()).isFalse();
    }

    @Test
    void aClusterBalancedFromTheStartTakesNoTime() {
        assertThat(BalanceScore.of(timeline(0, 60), List.of(), SETTINGS).timeToBalance()).contains(Duration.ZERO);
    }

    @Test
    void failedMigrationsAreCountedAmongTheMigrations() {
        BalanceScore score = BalanceScore.of(timeline(40, 120), List.of(move(101, "pve1", "pve2", 0, 5, false),
                move(101, "pve1", "pve2", 20, 35, true)), SETTINGS);

        assertThat(score.migrations()).isEqualTo(2);
        assertThat(score.failedMigrations()).isEqualTo(1);
        assertThat(score.thrash()).isZero();
    }

    @Test
    void aGuestMovedBackWithinTheThrashWindowIsThrash() {
        List<Migration> pingPong = List.of(move(101, "pve1", "pve2", 0, 20, true),
                move(101, "pve2", "pve1", 200, 220, true), move(101, "pve1", "pve2", 400, 420, true),
                move(102, "pve1", "pve2", 0, 20, true), move(102, "pve2", "pve3", 60, 80, true));

        BalanceScore score = BalanceScore.of(timeline(40, 120), pingPong, SETTINGS);

        assertThat(score.thrash()).isEqualTo(2);
        assertThat(score.thrashedVms()).containsExactly(101);
    }

    @Test
    void aMoveBackAfterTheThrashWindowOrAfterAFailedMoveIsNotThrash() {
        List<Migration> moves = List.of(move(101, "pve1", "pve2", 0, 20, true),
                move(101, "pve2", "pve1", 400, 420, true), move(102, "pve1", "pve2", 0, 20, false),
                move(102, "pve2", "pve1", 30, 40, true));

        assertThat(BalanceScore.of(timeline(40, 120), moves, SETTINGS).thrash()).isZero();
    }

    @Test
    void disturbanceIsSummedPerUnit() {
        List<Migration> moves = List.of(
                new Migration(101, "pve1", "pve2", T0, T0.plusSeconds(10), true, Optional.of(new Disturbance(40, "ms"))),
                new Migration(102, "pve1", "pve2", T0, T0.plusSeconds(10), true, Optional.of(new Disturbance(25, "ms"))),
                new Migration(103, "pve1", "pve2", T0, T0.plusSeconds(10), true, Optional.of(new Disturbance(1e9, "bit/s"))),
                new Migration(104, "pve1", "pve2", T0, T0.plusSeconds(10), false, Optional.empty()));

        assertThat(BalanceScore.of(timeline(40, 120), moves, SETTINGS).disturbance())
                .containsEntry("ms", 65.0).containsEntry("bit/s", 1e9).hasSize(2);
    }

    @Test
    void anEmptyOrUnorderedTimelineIsRefused() {
        assertThatThrownBy(() -> BalanceScore.of(List.of(), List.of(), SETTINGS)).hasMessageContaining("snapshot");
        assertThatThrownBy(() -> BalanceScore.of(List.of(even(true, 10), even(true, 0)), List.of(), SETTINGS))
                .hasMessageContaining("out of order");
    }

    private static ClusterSnapshot queued(int second, double pve1, double pve2) {
        ClusterSnapshot s = new Cluster().node("pve1", 10).node("pve2", 6).at(second);
        return new ClusterSnapshot(s.at(), s.nodes(), s.guests(), Map.of("pve1", pve1, "pve2", pve2));
    }

    @Test
    void cpusIdleOnOneNodeWhileGuestsWaitOnAnotherAreStranded() {
        // 10-CPU nodes: pve1 has 16 tasks wanting a CPU (6 wait), pve2 7 (3 CPUs idle): 3 stranded
        assertThat(queued(0, 16, 7).strandedCpu()).hasValue(3);
        // every node oversubscribed, or none: nothing could be placed better
        assertThat(queued(0, 16, 12).strandedCpu()).hasValue(0);
        assertThat(queued(0, 9, 2).strandedCpu()).hasValue(0);
        // a node whose run queue was not read leaves it unknown
        ClusterSnapshot partly = queued(0, 16, 7);
        assertThat(new ClusterSnapshot(partly.at(), partly.nodes(), partly.guests(), Map.of("pve1", 16.0))
                .strandedCpu()).isEmpty();
    }

    @Test
    void strandedCpuAfterIsTheMeanOverTheLastWindowOfPointReadings() {
        List<ClusterSnapshot> timeline = List.of(queued(0, 30, 0), queued(10, 16, 7), queued(20, 16, 9),
                queued(30, 14, 6), queued(40, 12, 8));

        // the window is 30 s: the readings at 10..40 s count (3, 1, 4, 2), the first one does not
        assertThat(BalanceScore.of(timeline, List.of(), SETTINGS).strandedCpuAfter()).hasValue(2.5);
        assertThat(BalanceScore.of(timeline(40, 120), List.of(), SETTINGS).strandedCpuAfter()).isEmpty();
    }

    @Test
    void aRunQueueOfAnUnlistedNodeIsRefused() {
        ClusterSnapshot s = queued(0, 1, 1);
        assertThatThrownBy(() -> new ClusterSnapshot(s.at(), s.nodes(), s.guests(), Map.of("pve9", 1.0)))
                .hasMessageContaining("run queue 1.0 of node pve9");
    }
}
