package io.pvebench.pipeline;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;

/** Paths of the pipeline fixtures and a way to see the problems a load reports. */
final class Fixtures {

    static final Path ROOT = Path.of("src", "test", "resources", "pipelines");
    static final Path HOME = Path.of("/home/tester");

    private Fixtures() {
    }

    static Path valid(String name) {
        return ROOT.resolve("valid").resolve(name);
    }

    static Path broken(String name) {
        return ROOT.resolve("broken").resolve(name);
    }

    /** The problems, as printed, of loading the pipeline in {@code file}. */
    static List<String> pipelineProblems(Path file) {
        return problems(() -> PipelineLoader.load(file, HOME));
    }

    /** The problems, as printed, of loading the cluster in {@code file}. */
    static List<String> clusterProblems(Path file) {
        return problems(() -> ClusterLoader.load(file, HOME));
    }

    private static List<String> problems(Runnable load) {
        try {
            load.run();
        } catch (InvalidPipelineException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        return fail("expected an InvalidPipelineException");
    }
}
