package io.pvebench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixTest {

    private final VmSpec small = new VmSpec("small", 4, 4L << 30, List.of(101, 102));
    private final VmSpec large = new VmSpec("large", 8, 16L << 30, List.of(103, 104));

    @Test
    void expandsSpecTimesScenarioTimesRepetitionInThatOrder() {
        Pipeline pipeline = pipeline(List.of(small, large), 2);

        List<CasePlan> cases = Matrix.expand(pipeline);

        assertThat(cases).extracting(CasePlan::id)
                .containsExactly("small-idle-r1", "small-idle-r2", "large-idle-r1", "large-idle-r2");
        assertThat(cases.get(2).vmSpec()).isEqualTo(large);
        assertThat(cases.get(2).scenario()).isEqualTo("idle");
        assertThat(cases.get(3).repetition()).isEqualTo(2);
    }

    @Test
    void oneRepetitionGivesOneCasePerSpecAndScenario() {
        assertThat(Matrix.expand(pipeline(List.of(small), 1))).extracting(CasePlan::id).containsExactly("small-idle-r1");
    }

    @Test
    void expandsALoadedPipeline() {
        Pipeline demo = PipelineLoader.load(Fixtures.valid("demo.yaml"), Fixtures.HOME);

        assertThat(Matrix.expand(demo)).extracting(CasePlan::id).containsExactly("small-idle-r1", "small-idle-r2");
    }

    private static Pipeline pipeline(List<VmSpec> specs, int repetitions) {
        return new Pipeline(Path.of("p.yaml"), "p", "", TwinCluster.DEFAULT, specs, List.of("idle"), Map.of(),
                repetitions, MeasureSettings.DEFAULT, List.of(), List.of(), Duration.ofSeconds(60),
                Pipeline.DEFAULT_PROVISION_TIMEOUT);
    }
}
