package io.pvebench.cli;

import io.pvebench.sim.SimHardware;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pvebench compare} on twin runs: a re-run of the same cluster is unchanged, the same pipeline
 * on nodes whose NICs are 20 % slower (8 instead of 10 Gbit/s) is a throughput regression, exit 1.
 */
@Tag("sim")
class CompareOnTwinTest {

    private static final String PASSWORD = "compare-test-pw";

    @TempDir
    Path dir;

    private record Printed(int exit, String out) {
    }

    private static Printed compare(Path baseline, Path run) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute("compare", baseline.toString(), run.toString());
        return new Printed(exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    private static Path runOn(TwinCluster cluster, long seed) throws Exception {
        PipelineRunner.Outcome outcome = cluster.run(cluster.pipeline(3, "2s"), seed);
        return outcome.result().info().folder();
    }

    @Test
    void anUnchangedRerunIsUnchangedAndSlowerNicsAreAThroughputRegression() throws Exception {
        Path baseline;
        Path rerun;
        Path slower;
        try (TwinCluster ten = new TwinCluster(dir.resolve("ten"), PASSWORD, 3, 40)) {
            baseline = runOn(ten, 3);
            rerun = runOn(ten, 4);
        }
        try (TwinCluster eight = new TwinCluster(dir.resolve("eight"), PASSWORD, 3, 40,
                new SimHardware(8, 1500, 1, "none", "local-lvm"), false)) {
            slower = runOn(eight, 3);
        }

        Printed same = compare(baseline, rerun);
        Printed worse = compare(baseline, slower);

        assertThat(same.exit()).as(same.out()).isZero();
        assertThat(same.out()).doesNotContain("regressed    throughput ");
        assertThat(same.out()).contains("environment: as in the baseline");
        assertThat(worse.exit()).as(worse.out()).isEqualTo(1);
        assertThat(worse.out()).containsPattern("regressed +throughput +.*direction=forward.* -2\\d\\.\\d %, p = 0\\.0")
                .containsPattern("regressed +throughput +.*direction=reverse");
    }

    @Test
    void aFolderWithoutSamplesIsInvalidInput() {
        Printed p = compare(dir, dir);

        assertThat(p.exit()).isEqualTo(2);
        assertThat(p.out()).contains("is not a run folder: it has no samples.jsonl");
    }
}
