package io.pvebench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvebench.PvebenchException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private final Path file = Path.of("pipelines", "demo.yaml");

    @Test
    void printsFileLineColumnAndMessage() {
        Problem problem = new Problem(file, 3, 14, "'repetitions' must be an integer, got 'two'", null);

        assertThat(problem).hasToString("pipelines/demo.yaml:3:14: 'repetitions' must be an integer, got 'two'");
    }

    @Test
    void printsTheHintOnAnIndentedSecondLine() {
        Problem problem = new Problem(file, 2, 1, "unknown key 'repetitons' in pipeline", "did you mean 'repetitions'?");

        assertThat(problem).hasToString("""
                pipelines/demo.yaml:2:1: unknown key 'repetitons' in pipeline
                  hint: did you mean 'repetitions'?""");
    }

    @Test
    void exceptionMessageListsEveryProblemAndKeepsThem() {
        List<Problem> problems = List.of(new Problem(file, 1, 1, "first", null), new Problem(file, 2, 1, "second", "fix"));

        InvalidPipelineException e = new InvalidPipelineException(problems);

        assertThat(e).isInstanceOf(PvebenchException.class)
                .hasMessage("pipelines/demo.yaml:1:1: first\npipelines/demo.yaml:2:1: second\n  hint: fix");
        assertThat(e.problems()).containsExactlyElementsOf(problems);
    }

    @Test
    void anInvalidPipelineHasAtLeastOneProblem() {
        assertThatThrownBy(() -> new InvalidPipelineException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
