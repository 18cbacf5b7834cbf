package io.pvebench.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pvebench.pipeline.LoadLevel;
import io.pvebench.pipeline.LoadProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadPlanTest {

    private static final GuestSize SMALL = new GuestSize(4, 4L << 30);
    private static final GuestSize LARGE = new GuestSize(8, 16L << 30);
    private static final Duration WINDOW = Duration.ofMinutes(2);

    @Test
    void heavyScalesItsStressorsToTheVmsVcpusAndMemory() {
        LoadPlan small = LoadPlan.of(LoadProfile.BUILT_IN.get("heavy"), SMALL, WINDOW, 1);
        LoadPlan large = LoadPlan.of(LoadProfile.BUILT_IN.get("heavy"), LARGE, WINDOW, 1);

        assertThat(small.runs()).singleElement().satisfies(run -> {
            assertThat(run.name()).isEqualTo("steady");
            assertThat(run.offset()).isZero();
            assertThat(run.argv()).containsExactly("stress-ng", "--cpu", "4", "--cpu-load", "90",
                    "--vm", "1", "--vm-bytes", "2457m", "--vm-hang", "0",
                    "--hdd", "2", "--hdd-bytes", "256m", "--temp-path", "/var/tmp",
                    "--timeout", "120s", "--metrics-brief");
        });
        assertThat(large.runs().get(0).argv()).containsSequence("--cpu", "8", "--cpu-load", "90")
                .containsSequence("--vm-bytes", "9830m");
        assertThat(small.cpuPercentAt(Duration.ofSeconds(30))).isEqualTo(90);
    }

    @Test
    void idlePlansNothing() {
        assertThat(LoadPlan.of(LoadProfile.BUILT_IN.get("idle"), SMALL, WINDOW, 1).isEmpty()).isTrue();
    }

    @Test
    void anomalyBurstsOncePerSlotAtSeededMomentsThatRepeatWithTheSeed() {
        LoadProfile anomaly = LoadProfile.BUILT_IN.get("anomaly");
        LoadPlan plan = LoadPlan.of(anomaly, SMALL, WINDOW, 42);

        List<LoadRun> bursts = plan.runs().stream().filter(r -> r.name().startsWith("burst")).toList();
        assertThat(bursts).hasSize(6); // 120 s in 20 s slots
        for (int i = 0; i < bursts.size(); i++) {
            LoadRun burst = bursts.get(i);
            assertThat(burst.name()).isEqualTo("burst " + (i + 1));
            assertThat(burst.offset()).isBetween(Duration.ofSeconds(20L * i), Duration.ofSeconds(20L * i + 15));
            assertThat(burst.length()).isEqualTo(Duration.ofSeconds(5));
            // a burst lifts the steady 20 % to the 100 % peak and adds the I/O workers the steady level lacks
            assertThat(burst.cpuPercent()).isEqualTo(80);
            assertThat(burst.argv()).containsSequence("--cpu-load", "80").containsSequence("--hdd", "4")
                    .containsSequence("--timeout", "5s");
        }
        assertThat(LoadPlan.of(anomaly, SMALL, WINDOW, 42)).isEqualTo(plan);
        assertThat(LoadPlan.of(anomaly, SMALL, WINDOW, 43)).isNotEqualTo(plan);
        LoadRun first = bursts.get(0);
        assertThat(plan.cpuPercentAt(first.offset())).isEqualTo(100);
        assertThat(plan.cpuPercentAt(first.end())).isEqualTo(20);
    }

    @Test
    void theMeanAimIsExactOverBurstEdges() {
        LoadProfile profile = new LoadProfile("p", new LoadLevel(20, 0, 0),
                new LoadProfile.Bursts(Duration.ofSeconds(20), Duration.ofSeconds(5), new LoadLevel(100, 0, 0)));
        LoadPlan plan = LoadPlan.of(profile, SMALL, Duration.ofSeconds(20), 7);
        LoadRun burst = plan.runs().get(1);

        // over the whole slot: 15 s at 20 % and 5 s at 100 %
        assertThat(plan.meanCpuPercent(Duration.ZERO, Duration.ofSeconds(20))).isCloseTo(40, within(1e-9));
        // over the burst alone
        assertThat(plan.meanCpuPercent(burst.offset(), burst.end())).isCloseTo(100, within(1e-9));
    }

    @Test
    void aMemoryShareBelowOneMebibyteAsksForNoVmWorker() {
        LoadPlan plan = LoadPlan.of(new LoadProfile("tiny", new LoadLevel(10, 0.01, 0), null),
                new GuestSize(1, 64L << 20), WINDOW, 1);

        assertThat(plan.runs().get(0).argv()).doesNotContain("--vm");
    }
}
