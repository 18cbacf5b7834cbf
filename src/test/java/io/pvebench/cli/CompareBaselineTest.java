package io.pvebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pvebench compare last-passing RUN}: the baseline is the newest earlier passing run of the pipeline. */
class CompareBaselineTest {

    @TempDir
    Path reports;

    private Path run(String folder, String pipeline, String verdict, String start, double throughput) throws Exception {
        return run(folder, pipeline, "lab", verdict, start, throughput);
    }

    private Path run(String folder, String pipeline, String cluster, String verdict, String start, double throughput)
            throws Exception {
        Path dir = Files.createDirectories(reports.resolve(folder));
        Files.writeString(dir.resolve("summary.json"), """
                {"pipeline": "%s", "cluster": "%s", "verdict": "%s", "start": "%s", "environment": {"pve.version": "9.2.11"}}
                """.formatted(pipeline, cluster, verdict, start));
        Files.writeString(dir.resolve("samples.jsonl"), """
                {"metric":"throughput","value":%s,"unit":"bit/s","labels":{"case":"small-idle-r1","repetition":"1","vmSpec":"small","scenario":"idle"},"timestamp":"%s"}
                """.formatted(throughput, start));
        return dir;
    }

    private static String compare(String baseline, Path run, int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new Main(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8)).execute("compare", baseline, run.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isEqualTo(expectedExit);
        return text;
    }

    @Test
    void lastPassingIsTheNewestEarlierPassingRunOfTheSamePipeline() throws Exception {
        run("nightly-1", "nightly", "pass", "2026-11-20T02:00:00Z", 9.4e9);
        run("nightly-2", "nightly", "fail", "2026-11-21T02:00:00Z", 5e9);
        run("other-1", "other", "pass", "2026-11-22T02:00:00Z", 1e9);
        run("nightly-4", "nightly", "pass", "2026-11-24T02:00:00Z", 9.4e9);
        Path today = run("nightly-3", "nightly", "pass", "2026-11-23T02:00:00Z", 7.5e9);

        String text = compare("last-passing", today, 1);

        assertThat(text).contains("nightly-3 against baseline nightly-1").contains("regressed    throughput");
    }

    @Test
    void withoutAnEarlierPassingRunThereIsNoBaseline() throws Exception {
        Path first = run("nightly-1", "nightly", "pass", "2026-11-20T02:00:00Z", 9.4e9);

        assertThat(compare("last-passing", first, 2))
                .contains("no earlier passing run of pipeline 'nightly' on cluster 'lab' in");
    }

    @Test
    void aRunOnAnotherClusterOrOneThatRegressedIsNoBaseline() throws Exception {
        run("nightly-1", "nightly", "pass", "2026-11-20T02:00:00Z", 9.4e9);
        run("nightly-2", "nightly", "staging", "pass", "2026-11-21T02:00:00Z", 5e9);
        Path regressed = run("nightly-3", "nightly", "pass", "2026-11-22T02:00:00Z", 7e9);
        Files.writeString(regressed.resolve("baseline.json"), "{\"baseline\": \"nightly-1\", \"regressed\": true}");
        Path today = run("nightly-4", "nightly", "pass", "2026-11-23T02:00:00Z", 7e9);

        // still held against the last run that neither regressed nor ran elsewhere: the regression stays one
        assertThat(compare("last-passing", today, 1)).contains("nightly-4 against baseline nightly-1");
    }
}
