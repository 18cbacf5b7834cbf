package io.pvebench.balance;

import static io.pvebench.balance.Cluster.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The threshold policy driving a toy cluster round by round, scored like any balancer. */
class PolicyLoopTest {

    private static final ThresholdPolicy POLICY = new ThresholdPolicy(LoadMetric.CPU, 70, 10, Hold.rounds(3),
            Duration.ofMinutes(5), Duration.ofMinutes(10), 1, GuestScope.ALL);

    @Test
    void aPlanCarriedOutBalancesTheClusterWithOneMigrationAndNoThrash() {
        Map<Integer, String> placement = new LinkedHashMap<>(Map.of(101, "pve1", 102, "pve1", 103, "pve1", 104, "pve2"));
        Map<Integer, Double> cores = Map.of(101, 3.0, 102, 2.0, 103, 2.0, 104, 1.0);
        List<ClusterSnapshot> timeline = new ArrayList<>();
        List<Migration> migrations = new ArrayList<>();
        PolicyState state = PolicyState.initial();

        for (int round = 0; round < 12; round++) {
            Instant now = T0.plusSeconds(10L * round);
            // migrations planned last round have finished by now
            for (PlannedMove m : state.inFlight()) {
                placement.put(m.vmid(), m.to());
                migrations.add(new Migration(m.vmid(), m.from(), m.to(), m.at(), now, true,
                        Optional.of(new Disturbance(30, "ms"))));
                state = state.finished(m.vmid(), now, true);
            }
            Cluster cluster = new Cluster().node("pve1", 1, 10).node("pve2", 1, 10);
            placement.forEach((vm, node) -> cluster.vm(vm, node, cores.get(vm), 10 * cores.get(vm)));
            timeline.add(cluster.at(10 * round));
            state = POLICY.plan(timeline, state).next();
        }

        BalanceScore score = BalanceScore.of(timeline, migrations,
                new ScoreSettings(10, Duration.ofSeconds(30), Duration.ofMinutes(5)));
        assertThat(migrations).singleElement().satisfies(m -> {
            assertThat(m.vmid()).isEqualTo(101);
            assertThat(m.start()).isEqualTo(T0.plusSeconds(20));
        });
        assertThat(score.imbalanceBefore()).isCloseTo(0.6, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(score.imbalanceAfter()).isZero();
        assertThat(score.timeToBalance()).contains(Duration.ofSeconds(30));
        assertThat(score.thrash()).isZero();
        assertThat(score.disturbance()).containsExactly(Map.entry("ms", 30.0));
        assertThat(state.overloaded()).isEmpty();
    }
}
