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

    @Test
    void variantsAreADimensionBetweenScenarioAndRepetition() {
        Variant mtu1500 = new Variant("mtu1500", 1500, null);
        Variant jumbo = new Variant("jumbo", 9000, null);
        Pipeline pipeline = pipeline(List.of(small, large), List.of("idle", "heavy"), List.of(mtu1500, jumbo), 3);

        List<CasePlan> cases = Matrix.expand(pipeline);

        assertThat(cases).hasSize(2 * 2 * 2 * 3);
        assertThat(cases).extracting(CasePlan::id).startsWith("small-idle-mtu1500-r1", "small-idle-mtu1500-r2",
                "small-idle-mtu1500-r3", "small-idle-jumbo-r1").contains("large-heavy-jumbo-r3")
                .doesNotHaveDuplicates();
        assertThat(cases.get(3).variant()).isEqualTo(jumbo);
        assertThat(cases).filteredOn(c -> c.variant() == jumbo).hasSize(12);
    }

    @Test
    void withoutVariantsNoCaseHasOneAndIdsStayAsTheyWere() {
        List<CasePlan> cases = Matrix.expand(pipeline(List.of(small), 2));

        assertThat(cases).extracting(CasePlan::variant).containsOnlyNulls();
        assertThat(cases).extracting(CasePlan::id).containsExactly("small-idle-r1", "small-idle-r2");
    }

    @Test
    void theSeededRunOrderShufflesVariantsWithEverythingElse() {
        Pipeline pipeline = pipeline(List.of(small), List.of("idle"),
                List.of(new Variant("mtu1500", 1500, null), new Variant("jumbo", 9000, null)), 5);

        List<CasePlan> order = Matrix.runOrder(pipeline, 7);

        assertThat(order).isEqualTo(Matrix.runOrder(pipeline, 7))
                .containsExactlyInAnyOrderElementsOf(Matrix.expand(pipeline))
                .isNotEqualTo(Matrix.expand(pipeline))
                .isNotEqualTo(Matrix.runOrder(pipeline, 8));
        // shuffled, not grouped: the variant changes more than once along the run
        long switches = java.util.stream.IntStream.range(1, order.size())
                .filter(i -> order.get(i).variant() != order.get(i - 1).variant()).count();
        assertThat(switches).isGreaterThan(1);
    }

    @Test
    void expandsALoadedPipelineWithVariants() {
        Pipeline p = PipelineLoader.load(Fixtures.valid("variants.yaml"), Fixtures.HOME);

        assertThat(Matrix.expand(p)).hasSize(1 * 2 * 4 * 2).extracting(CasePlan::id)
                .contains("small-heavy-jumbo-r1", "small-idle-as-found-r2");
    }

    private static Pipeline pipeline(List<VmSpec> specs, int repetitions) {
        return pipeline(specs, List.of("idle"), List.of(), repetitions);
    }

    private static Pipeline pipeline(List<VmSpec> specs, List<String> scenarios, List<Variant> variants,
                                     int repetitions) {
        return new Pipeline(Path.of("p.yaml"), "p", "", TwinCluster.DEFAULT, specs, scenarios, Map.of(), variants,
                repetitions, MeasureSettings.DEFAULT, java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                List.of(), List.of(), Duration.ofSeconds(60),
                Pipeline.DEFAULT_PROVISION_TIMEOUT, java.util.Optional.empty(), java.util.Optional.empty());
    }
}
