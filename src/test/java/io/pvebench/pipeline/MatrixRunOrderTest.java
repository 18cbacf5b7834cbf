package io.pvebench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixRunOrderTest {

    @TempDir
    Path dir;

    private Pipeline twelveCases() throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, """
                name: order
                vmSpecs:
                  - {name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}
                  - {name: medium, cores: 4, memory: 8 GiB, vms: [103, 104]}
                repetitions: 6
                """);
        return PipelineLoader.load(file);
    }

    @Test
    void theSameSeedRunsTheCasesInTheSameOrder() throws Exception {
        Pipeline pipeline = twelveCases();
        assertThat(Matrix.runOrder(pipeline, 42)).isEqualTo(Matrix.runOrder(pipeline, 42));
    }

    @Test
    void theRunOrderIsAShuffleOfTheMatrixThatDependsOnTheSeed() throws Exception {
        Pipeline pipeline = twelveCases();
        List<CasePlan> matrix = Matrix.expand(pipeline);
        List<CasePlan> one = Matrix.runOrder(pipeline, 1);
        List<CasePlan> two = Matrix.runOrder(pipeline, 2);

        assertThat(one).containsExactlyInAnyOrderElementsOf(matrix).isNotEqualTo(matrix);
        assertThat(two).containsExactlyInAnyOrderElementsOf(matrix).isNotEqualTo(one);
    }
}
