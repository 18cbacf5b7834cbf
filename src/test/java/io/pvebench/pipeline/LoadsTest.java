package io.pvebench.pipeline;

import static io.pvebench.pipeline.Fixtures.broken;
import static io.pvebench.pipeline.Fixtures.pipelineProblems;
import static io.pvebench.pipeline.Fixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadsTest {

    @Test
    void aPipelineDefinesItsOwnLoadsBesideTheBuiltInScenarios() {
        Pipeline p = PipelineLoader.load(valid("loads.yaml"), Fixtures.HOME);

        assertThat(p.scenarios()).containsExactly("idle", "heavy", "busy", "spiky");
        assertThat(p.load("busy")).isEqualTo(new LoadProfile("busy", new LoadLevel(60, 30, 2), null));
        assertThat(p.load("spiky")).isEqualTo(new LoadProfile("spiky", new LoadLevel(10, 0, 0),
                new LoadProfile.Bursts(Duration.ofSeconds(30), Duration.ofSeconds(5), new LoadLevel(95, 0, 3))));
        assertThat(p.load("heavy")).isSameAs(LoadProfile.BUILT_IN.get("heavy"));
        assertThat(p.load("idle").steady().isNone()).isTrue();
        assertThat(p.measure().warmup()).isEqualTo(Duration.ofSeconds(40));
        assertThat(p.measure().sampleEvery()).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.measure().loadTolerance()).isEqualTo(10.0);
        assertThat(p.measure().iperf3().reverse()).isFalse();
    }

    @Test
    void everyBuiltInScenarioHasAProfileAndOnlyAnomalyBursts() {
        assertThat(LoadProfile.BUILT_IN.keySet()).containsExactlyInAnyOrderElementsOf(LoadProfile.BUILT_IN_SCENARIOS);
        assertThat(LoadProfile.BUILT_IN_SCENARIOS).filteredOn(s -> LoadProfile.BUILT_IN.get(s).bursts() != null)
                .containsExactly("anomaly");
        // the levels rise from light to heavy
        assertThat(LoadProfile.BUILT_IN.get("light").steady().cpuPercent())
                .isLessThan(LoadProfile.BUILT_IN.get("normal").steady().cpuPercent())
                .isLessThan(LoadProfile.BUILT_IN.get("heavy").steady().cpuPercent());
    }

    @Test
    void badLoadsAreReportedWithTheirPositionAndAHint() {
        Path file = broken("loads.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":7:19: unknown scenario 'hevy'\n  hint: did you mean 'heavy'?",
                file + ":9:3: 'loads.heavy' would redefine the built-in scenario 'heavy'\n"
                        + "  hint: pick another name; built-in scenarios are idle, light, normal, heavy, anomaly",
                file + ":12:13: 'loads.mine.memory' must be 0 % to 90 %, got 95 %\n"
                        + "  hint: the guest's own system needs the rest of its memory",
                file + ":15:15: 'loads.mine.bursts.length' must be shorter than 'every'\n"
                        + "  hint: one burst happens in every slot of 'every'; e.g. every: 30s, length: 5s",
                file + ":16:12: 'loads.nothing' puts no load on the VMs\n"
                        + "  hint: give it 'cpu', 'memory', 'io' or 'bursts'; e.g. loads: {busy: {cpu: 60 %, memory: 30 %}}");
    }
}
