package io.pvebench.sim.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LiveMigrationTest {

    private static final double MIB = 1 << 20;

    @Test
    void anIdleGuestSendsItsUsedMemoryOnceAndSwitchesOverWithinTheLimit() {
        LiveMigration.Plan plan = LiveMigration.plan(new LiveMigration.Params(4L << 30, 1L << 30, 1.5 * MIB,
                450 * MIB, 100), new Random(1));
        assertThat(plan.transferred()).isBetween(1L << 30, (long) (1.1 * (1L << 30)));
        assertThat(plan.throttles()).isEmpty();
        assertThat(plan.finalDowntimeLimitMs()).isEqualTo(100);
        assertThat(plan.downtime()).isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(plan.polls()).noneMatch(p -> p.increasedDowntimeMs() > 0);
        assertThat(plan.last().completed()).isTrue();
    }

    @Test
    void aGuestDirtyingFasterThanTheLinkIsThrottledAndItsDowntimeDoubled() {
        LiveMigration.Plan plan = LiveMigration.plan(new LiveMigration.Params(4L << 30, 3L << 30, 3_000 * MIB,
                450 * MIB, 100), new Random(1));
        assertThat(plan.throttles()).extracting(LiveMigration.Throttle::fraction).startsWith(0.20, 0.30);
        assertThat(plan.polls()).filteredOn(p -> p.increasedDowntimeMs() > 0)
                .extracting(LiveMigration.Poll::increasedDowntimeMs).startsWith(200L, 400L);
        assertThat(plan.throttleAt(plan.switchover())).isZero();
        assertThat(plan.transferred()).isGreaterThan(plan.total());
    }

    @Test
    void theSameInputsAndSeedGiveTheSamePlan() {
        LiveMigration.Params p = new LiveMigration.Params(8L << 30, 5L << 30, 800 * MIB, 300 * MIB, 300);
        assertThat(LiveMigration.plan(p, new Random(5))).isEqualTo(LiveMigration.plan(p, new Random(5)));
    }
}
