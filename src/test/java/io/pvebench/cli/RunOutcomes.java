package io.pvebench.cli;

import io.pvebench.measure.Sample;
import io.pvebench.run.CaseResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What tests read back from a finished run: one metric of a case, the run's folder. */
final class RunOutcomes {

    private RunOutcomes() {
    }

    /** The first sample of {@code metric} in case {@code c}; fails the test naming both when there is none. */
    static double value(CaseResult c, String metric) {
        return c.samples().stream().filter(s -> s.metric().equals(metric)).mapToDouble(Sample::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + metric + " in " + c.plan().id()));
    }

    /** The run folder a run wrote under {@code reports} (the one with {@code raw/}). */
    static Path runFolder(Path reports) throws IOException {
        try (Stream<Path> runs = Files.list(reports)) {
            return runs.filter(p -> Files.isDirectory(p.resolve("raw"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no run folder in " + reports));
        }
    }
}
