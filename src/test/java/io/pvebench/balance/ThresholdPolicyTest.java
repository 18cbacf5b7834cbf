package io.pvebench.balance;

import static io.pvebench.balance.Cluster.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThresholdPolicyTest {

    /** CPU above 70 % for 3 rounds; relieved below 60 %; 5 min cooldown; no return within 10 min; one at a time. */
    private static ThresholdPolicy policy(int maxConcurrent, GuestScope scope) {
        return new ThresholdPolicy(LoadMetric.CPU, 70, 10, Hold.rounds(3), Duration.ofMinutes(5),
                Duration.ofMinutes(10), maxConcurrent, scope);
    }

    private static final ThresholdPolicy POLICY = policy(1, GuestScope.ALL);

    private static Cluster overloadedPve1() {
        return new Cluster().node("pve1", 4).node("pve2", 1).vm(101, "pve1", 4, 8);
    }

    @Test
    void aSustainedOverloadPlansOneMoveWithItsReason() {
        Plan plan = POLICY.plan(overloadedPve1().rounds(3), PolicyState.initial());

        assertThat(plan.moves()).singleElement().satisfies(m -> {
            assertThat(m.vmid()).isEqualTo(101);
            assertThat(m.from()).isEqualTo("pve1");
            assertThat(m.to()).isEqualTo("pve2");
            assertThat(m.at()).isEqualTo(T0.plusSeconds(20));
        });
        assertThat(plan.reasons()).anyMatch(r -> r.startsWith("pve1 overloaded: CPU above 70 % for 3 rounds"));
        assertThat(plan.moves().get(0).reason()).contains("vm 101", "pve1 → pve2", "80 % → 40 %", "most headroom");
        assertThat(plan.next().overloaded()).containsExactly("pve1");
        assertThat(plan.next().inFlight()).hasSize(1);
    }

    @Test
    void aShortSpikeDoesNothing() {
        List<ClusterSnapshot> history = new ArrayList<>(overloadedPve1().rounds(2));

        Plan plan = POLICY.plan(history, PolicyState.initial());

        assertThat(plan.moves()).isEmpty();
        assertThat(plan.next().overloaded()).isEmpty();
        assertThat(plan.reasons()).containsExactly("pve1 above 70 % (80 %) but not yet for 3 rounds: no action");

        history.add(new Cluster().node("pve1", 1).node("pve2", 1).vm(101, "pve1", 4, 8).at(20));
        assertThat(POLICY.plan(history, PolicyState.initial()).moves()).isEmpty();
    }

    @Test
    void aHoldInTimeNeedsSnapshotsAboveTheThresholdSpanningTheWholeDuration() {
        ThresholdPolicy thirtySeconds = new ThresholdPolicy(LoadMetric.CPU, 70, 10, Hold.lasting(Duration.ofSeconds(30)),
                Duration.ofMinutes(5), Duration.ofMinutes(5), 1, GuestScope.ALL);

        assertThat(thirtySeconds.plan(overloadedPve1().rounds(3), PolicyState.initial()).moves()).isEmpty();
        assertThat(thirtySeconds.plan(overloadedPve1().rounds(4), PolicyState.initial()).moves()).hasSize(1);
    }

    @Test
    void hysteresisKeepsANodeOverloadedUntilItFallsBelowThresholdMinusMargin() {
        PolicyState latched = new PolicyState(Set.of("pve1"), List.of(), List.of());
        Cluster at65 = new Cluster().node("pve1", 6.5).node("pve2", 1);
        Cluster at59 = new Cluster().node("pve1", 5.9).node("pve2", 1);

        assertThat(POLICY.plan(at65.rounds(1), latched).next().overloaded()).containsExactly("pve1");
        Plan relieved = POLICY.plan(at59.rounds(1), latched);
        assertThat(relieved.next().overloaded()).isEmpty();
        assertThat(relieved.reasons()).containsExactly("pve1 relieved: CPU 59 % is below 60 % (threshold − margin)");
    }

    @Test
    void noFlappingAroundTheThreshold() {
        // pve1 carries only non-HA guests, so an HA-only policy can watch it without moving anything
        ThresholdPolicy haOnly = policy(1, GuestScope.HA_ONLY);
        double[] cpu = {7.5, 7.5, 7.5, 6.9, 7.1, 6.8, 7.2, 6.9, 7.1, 6.5, 5.9, 7.1, 6.9, 7.1};
        List<ClusterSnapshot> history = new ArrayList<>();
        PolicyState state = PolicyState.initial();
        List<Boolean> overloaded = new ArrayList<>();
        for (int i = 0; i < cpu.length; i++) {
            history.add(new Cluster().node("pve1", cpu[i] - 2).node("pve2", 1).guest(101, "pve1", 2, 4, false).at(10 * i));
            state = haOnly.plan(history, state).next();
            overloaded.add(state.overloaded().contains("pve1"));
        }

        // overloaded from the third round on, through every dip below 70 % that stays above 60 %;
        // relieved at 59 %, and the swings around 70 % after that never hold for three rounds
        assertThat(overloaded).containsExactly(false, false, true, true, true, true, true, true, true, true,
                false, false, false, false);
    }

    @Test
    void aGuestInCooldownIsNotMovedUntilTheCooldownHasPassed() {
        PolicyState justMoved = new PolicyState(Set.of(), List.of(),
                List.of(new FinishedMove(101, "pve3", "pve1", T0.minusSeconds(120), true)));
        Cluster cluster = new Cluster().node("pve1", 4).node("pve2", 1).node("pve3", 1).vm(101, "pve1", 4, 8);

        Plan cooling = POLICY.plan(cluster.rounds(3), justMoved);
        assertThat(cooling.moves()).isEmpty();
        assertThat(cooling.reasons()).anyMatch(r -> r.contains("vm 101 in cooldown until 2026-11-25T10:03:00Z"));

        List<ClusterSnapshot> later = List.of(cluster.at(160), cluster.at(170), cluster.at(180));
        assertThat(POLICY.plan(later, justMoved).moves()).singleElement()
                .satisfies(m -> assertThat(m.to()).isEqualTo("pve2"));
    }

    @Test
    void aFailedMoveAlsoStartsTheCooldown() {
        PolicyState moving = POLICY.plan(overloadedPve1().rounds(3), PolicyState.initial()).next();
        PolicyState failed = moving.finished(101, T0.plusSeconds(25), false);

        List<ClusterSnapshot> history = overloadedPve1().rounds(4);
        Plan plan = POLICY.plan(history, failed);

        assertThat(plan.moves()).isEmpty();
        assertThat(failed.inFlight()).isEmpty();
        assertThat(plan.reasons()).anyMatch(r -> r.contains("cooldown"));
    }

    @Test
    void noThrashAGuestNeverGoesBackToTheNodeItJustLeft() {
        // vm 101 came from pve2 six minutes ago: past the cooldown, within no-return
        PolicyState cameFromPve2 = new PolicyState(Set.of(), List.of(),
                List.of(new FinishedMove(101, "pve2", "pve1", T0.minusSeconds(360), true)));

        Cluster twoNodes = overloadedPve1();
        Plan stuck = POLICY.plan(twoNodes.rounds(3), cameFromPve2);
        assertThat(stuck.moves()).isEmpty();
        assertThat(stuck.reasons()).anyMatch(r -> r.contains("vm 101 → pve2: it left pve2 less than 10 min ago"));

        // with a third node it goes on there, although pve2 has more headroom
        Cluster threeNodes = new Cluster().node("pve1", 4).node("pve2", 0).node("pve3", 2).vm(101, "pve1", 4, 8);
        assertThat(POLICY.plan(threeNodes.rounds(3), cameFromPve2).moves()).singleElement()
                .satisfies(m -> assertThat(m.to()).isEqualTo("pve3"));
    }

    @Test
    void noMoreMigrationsInFlightThanTheMaximum() {
        Cluster twoHot = new Cluster().node("pve1", 5).node("pve2", 5).node("pve3", 0).node("pve4", 0)
                .vm(101, "pve1", 3, 4).vm(102, "pve2", 3.5, 4);

        Plan one = policy(1, GuestScope.ALL).plan(twoHot.rounds(3), PolicyState.initial());
        assertThat(one.moves()).singleElement().satisfies(m -> assertThat(m.from()).isEqualTo("pve2"));
        assertThat(one.reasons()).contains("pve1 overloaded, but 1 migration already in flight (the maximum)");

        Plan next = policy(1, GuestScope.ALL).plan(twoHot.rounds(4), one.next());
        assertThat(next.moves()).isEmpty();

        assertThat(policy(2, GuestScope.ALL).plan(twoHot.rounds(3), PolicyState.initial()).moves()).hasSize(2);
    }

    @Test
    void aNodeWaitsForItsMoveInFlightBeforeTheNextOne() {
        Cluster busy = new Cluster().node("pve1", 5.5).node("pve2", 0).node("pve3", 0)
                .vm(101, "pve1", 1, 4).vm(102, "pve1", 1, 4);
        Plan first = policy(3, GuestScope.ALL).plan(busy.rounds(3), PolicyState.initial());
        assertThat(first.moves()).hasSize(1);

        Plan second = policy(3, GuestScope.ALL).plan(busy.rounds(4), first.next());
        assertThat(second.moves()).isEmpty();
        assertThat(second.reasons()).anyMatch(r -> r.startsWith("pve1 overloaded, waiting for vm 101"));
    }

    @Test
    void theTargetIsTheNodeWithTheMostHeadroom() {
        Cluster cluster = new Cluster().node("pve1", 5).node("pve2", 4).node("pve3", 2).node("pve4", 3)
                .vm(101, "pve1", 3, 4);

        assertThat(POLICY.plan(cluster.rounds(3), PolicyState.initial()).moves()).singleElement()
                .satisfies(m -> assertThat(m.to()).isEqualTo("pve3"));
    }

    @Test
    void neverMovesAGuestToANodeItWouldPushAboveItsThreshold() {
        Cluster cluster = new Cluster().node("pve1", 7).node("pve2", 6.5).vm(101, "pve1", 2, 4);

        Plan plan = POLICY.plan(cluster.rounds(3), PolicyState.initial());

        assertThat(plan.moves()).isEmpty();
        assertThat(plan.reasons()).contains("pve1 overloaded, no move: vm 101 → pve2: would reach 85 %");
    }

    @Test
    void twoMovesInOneRoundNeverFillTheSameTargetTwice() {
        Cluster cluster = new Cluster().node("pve1", 5.5).node("pve2", 5.5).node("pve3", 4)
                .vm(101, "pve1", 2.5, 4).vm(102, "pve2", 2.5, 4);

        Plan plan = policy(2, GuestScope.ALL).plan(cluster.rounds(3), PolicyState.initial());

        assertThat(plan.moves()).singleElement().satisfies(m -> assertThat(m.to()).isEqualTo("pve3"));
        assertThat(plan.reasons()).anyMatch(r -> r.contains("would reach 90 %"));
    }

    @Test
    void movesInFlightCountOnTheirTargetUntilTheSnapshotsShowThem() {
        Cluster cluster = new Cluster().node("pve1", 5.5).node("pve2", 5.5).node("pve3", 4)
                .vm(101, "pve1", 2.5, 4).vm(102, "pve2", 2.5, 4);
        PolicyState moving = new PolicyState(Set.of("pve1", "pve2"),
                List.of(new PlannedMove(101, "pve1", "pve3", T0, "earlier")), List.of());

        Plan plan = policy(2, GuestScope.ALL).plan(cluster.rounds(3), moving);

        assertThat(plan.moves()).isEmpty();
        assertThat(plan.reasons()).contains("pve2 overloaded, no move: vm 102 → pve1: overloaded itself;"
                + " vm 102 → pve3: would reach 90 %");
    }

    @Test
    void theSmallestGuestWhoseMoveRelievesTheSourceIsChosen() {
        Cluster cluster = new Cluster().node("pve1", 0.5).node("pve2", 0)
                .vm(101, "pve1", 4, 16).vm(102, "pve1", 2.5, 4).vm(103, "pve1", 1, 2);

        assertThat(POLICY.plan(cluster.rounds(3), PolicyState.initial()).moves()).singleElement().satisfies(m -> {
            assertThat(m.vmid()).isEqualTo(102);
            assertThat(m.reason()).contains("the smallest guest whose move brings pve1 below 60 %");
        });
    }

    @Test
    void whenNoSingleMoveRelievesTheSourceTheBusiestGuestIsChosen() {
        Cluster cluster = new Cluster().node("pve1", 6).node("pve2", 0)
                .vm(101, "pve1", 1, 2).vm(102, "pve1", 1.5, 8);

        assertThat(POLICY.plan(cluster.rounds(3), PolicyState.initial()).moves()).singleElement().satisfies(m -> {
            assertThat(m.vmid()).isEqualTo(102);
            assertThat(m.reason()).contains("no single move brings pve1 below 60 %");
        });
    }

    @Test
    void anHaOnlyPolicyMovesOnlyHaGuests() {
        Cluster mixed = new Cluster().node("pve1", 3).node("pve2", 0)
                .guest(101, "pve1", 4, 2, false).guest(102, "pve1", 1, 8, true);
        ThresholdPolicy haOnly = policy(1, GuestScope.HA_ONLY);

        assertThat(haOnly.plan(mixed.rounds(3), PolicyState.initial()).moves()).singleElement()
                .satisfies(m -> assertThat(m.vmid()).isEqualTo(102));
        assertThat(POLICY.plan(mixed.rounds(3), PolicyState.initial()).moves()).singleElement()
                .satisfies(m -> assertThat(m.vmid()).isEqualTo(101));

        Cluster nonHaOnly = new Cluster().node("pve1", 4).node("pve2", 0).guest(101, "pve1", 4, 2, false);
        assertThat(haOnly.plan(nonHaOnly.rounds(3), PolicyState.initial()).reasons())
                .contains("pve1 overloaded, no move: vm 101 is not HA-managed");
    }

    @Test
    void memoryOrCrsLoadCanBeTheWatchedMetric() {
        Cluster memoryHeavy = new Cluster().node("pve1", 1, 60).node("pve2", 1, 10).vm(101, "pve1", 1, 30);
        ThresholdPolicy memory = new ThresholdPolicy(LoadMetric.MEMORY, 80, 10, Hold.rounds(1), Duration.ZERO,
                Duration.ZERO, 1, GuestScope.ALL);
        ThresholdPolicy cpu = new ThresholdPolicy(LoadMetric.CPU, 80, 10, Hold.rounds(1), Duration.ZERO,
                Duration.ZERO, 1, GuestScope.ALL);

        assertThat(memory.plan(memoryHeavy.rounds(1), PolicyState.initial()).moves()).hasSize(1);
        assertThat(cpu.plan(memoryHeavy.rounds(1), PolicyState.initial()).moves()).isEmpty();
        assertThat(LoadMetric.CRS_LOAD.of(memoryHeavy.at(0).node("pve1").orElseThrow())).isCloseTo(0.55,
                org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void settingsThatCannotWorkAreRejected() {
        assertThatThrownBy(() -> new ThresholdPolicy(LoadMetric.CPU, 70, 70, Hold.rounds(3), Duration.ZERO,
                Duration.ZERO, 1, GuestScope.ALL)).hasMessageContaining("margin");
        assertThatThrownBy(() -> new ThresholdPolicy(LoadMetric.CPU, 70, 10, Hold.rounds(3), Duration.ofMinutes(5),
                Duration.ofMinutes(1), 1, GuestScope.ALL)).hasMessageContaining("noReturn");
        assertThatThrownBy(() -> Hold.rounds(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> POLICY.plan(List.of(), PolicyState.initial())).hasMessageContaining("snapshot");
    }
}
