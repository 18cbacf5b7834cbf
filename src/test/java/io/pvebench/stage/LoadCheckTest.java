package io.pvebench.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pvebench.guest.GuestSize;
import io.pvebench.guest.LoadPlan;
import io.pvebench.measure.Metric;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.LoadLevel;
import io.pvebench.pipeline.LoadProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class LoadCheckTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:03Z");
    private static final GuestSize SIZE = new GuestSize(4, 4L << 30);

    private static LoadPlan steady(double cpu) {
        return LoadPlan.of(new LoadProfile("p", new LoadLevel(cpu, 0, 0), null), SIZE, Duration.ofMinutes(5), 1);
    }

    /** One reading per second from the load's start for {@code seconds}, valued by its offset. */
    private static List<Sample> readings(int seconds, DoubleUnaryOperator valueAt) {
        List<Sample> out = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            out.add(Sample.of(Metric.VM_CPU, valueAt.applyAsDouble(s), Map.of("vmid", "101"), START.plusSeconds(s)));
        }
        return out;
    }

    @Test
    void aLoadThatReachesItsLevelIsWithinItsBand() {
        LoadCheck.Result r = LoadCheck.check(steady(50), START, START.plusSeconds(30),
                readings(40, s -> s < 10 ? 5 : 50.5));

        assertThat(r.checked()).isTrue();
        assertThat(r.readings()).isEqualTo(10); // 20 s .. 30 s: load alone, two pvestatd periods in
        assertThat(r.target()).isEqualTo(50);
        assertThat(r.error()).isCloseTo(0.5, within(1e-9));
        assertThat(r.within(15)).isTrue();
    }

    @Test
    void aStarvedLoadIsFarBelowItsAimAndFailsTheTolerance() {
        LoadCheck.Result r = LoadCheck.check(steady(90), START, START.plusSeconds(30), readings(40, s -> 41));

        assertThat(r.error()).isCloseTo(-49, within(1e-9));
        assertThat(r.within(15)).isFalse();
    }

    @Test
    void readingsAfterTheWarmupDoNotCountBecauseTheNetworkToolsAddCpuThere() {
        LoadCheck.Result r = LoadCheck.check(steady(25), START, START.plusSeconds(30),
                readings(60, s -> s < 30 ? 25 : 70));

        assertThat(r.error()).isZero();
    }

    @Test
    void aWarmupOfTwoPeriodsOrLessCannotCheckAndSaysWhy() {
        LoadCheck.Result r = LoadCheck.check(steady(50), START, START.plusSeconds(20), readings(40, s -> 0));

        assertThat(r.checked()).isFalse();
        assertThat(r.within(0)).isTrue();
        assertThat(r.note()).contains("too short").contains("20 s");
    }

    @Test
    void aBurstWidensTheBandToEveryPeriodMeanThatCouldHaveBeenReported() {
        LoadPlan plan = LoadPlan.of(new LoadProfile("p", new LoadLevel(20, 0, 0),
                new LoadProfile.Bursts(Duration.ofSeconds(40), Duration.ofSeconds(5), new LoadLevel(100, 0, 0))),
                SIZE, Duration.ofSeconds(40), 3);
        Duration burstStart = plan.runs().get(1).offset();
        Duration t = burstStart.plusSeconds(7);

        double[] band = LoadCheck.band(plan, t);

        // a 10 s period ending at the burst's end holds all of it (20 + 80 * 5/10), one ending before it none
        assertThat(band[1]).isCloseTo(60, within(1e-9));
        assertThat(band[0]).isLessThan(60).isGreaterThanOrEqualTo(20);
    }
}
