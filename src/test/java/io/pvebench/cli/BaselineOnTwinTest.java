package io.pvebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.report.AllureHtml;
import io.pvebench.report.ComparisonResults;
import io.pvebench.run.StopSignal;
import io.pvebench.sim.SimHardware;
import io.pvebench.testsupport.AllureSingleFile;
import io.pvebench.testsupport.RequiredTools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pipeline that names its baseline ({@code compare: {baseline: last-passing}}) is held against it at
 * the end of every run: the first night has nothing to compare with; an unchanged re-run is unchanged;
 * the same pipeline on 20 % slower NICs still meets its objective (5 Gbit/s) but regressed, exit 1, and
 * its report shows the regression under Regressions.
 */
@Tag("sim")
class BaselineOnTwinTest {

    private static final String PASSWORD = "baseline-test-pw";

    @TempDir
    Path dir;

    private record Ran(PipelineRunner.Outcome outcome, String console) {
    }

    private Ran run(TwinCluster cluster, long seed, boolean html) throws Exception {
        Path pipeline = cluster.pipeline(3, "2s");
        Files.writeString(pipeline, Files.readString(pipeline).replace("min: 9 Gbit/s", "min: 5 Gbit/s")
                + "compare: {baseline: last-passing, noise: 5 %}\n");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PipelineRunner.Outcome outcome = PipelineRunner.run(PipelineLoader.load(pipeline),
                new PipelineRunner.Options(dir.resolve("reports"), seed, Path.of("routes"),
                        Map.of(TwinCluster.PASSWORD_VARIABLE, PASSWORD),
                        new PrintStream(console, true, StandardCharsets.UTF_8), List.of(), html, Clock.systemUTC(),
                        new StopSignal()));
        return new Ran(outcome, console.toString(StandardCharsets.UTF_8));
    }

    @Test
    void eachRunIsHeldAgainstTheLastPassingRunAndARegressionFailsAPassingRun() throws Exception {
        Ran first;
        Ran second;
        try (TwinCluster ten = new TwinCluster(dir.resolve("ten"), PASSWORD, 3, 40)) {
            first = run(ten, 3, false);
            second = run(ten, 4, false);
        }
        assertThat(first.outcome().exitCode()).as(first.console()).isZero();
        assertThat(first.outcome().comparison()).isEmpty();
        assertThat(first.console()).contains("compare: no earlier passing run of lab-check on lab beside this one:"
                + " nothing to compare with yet");

        assertThat(second.outcome().exitCode()).as(second.console()).isZero();
        assertThat(second.outcome().comparison()).hasValueSatisfying(c -> {
            assertThat(c.baseline()).isEqualTo(first.outcome().result().info().folder());
            assertThat(c.regressed()).isFalse();
        });
        assertThat(second.console()).contains(" against baseline " + first.outcome().result().info().folder()
                .getFileName()).contains("environment: as in the baseline");

        boolean html = AllureHtml.locate().isPresent() || RequiredTools.required();
        Ran slower;
        try (TwinCluster eight = new TwinCluster(dir.resolve("eight"), PASSWORD, 3, 40,
                new SimHardware(8, 1500, 1, "none", "local-lvm"), false)) {
            slower = run(eight, 5, html);
        }
        Path folder = slower.outcome().result().info().folder();
        assertThat(slower.outcome().result().verdict().exitCode()).as("the objective is met").isZero();
        assertThat(slower.outcome().exitCode()).as(slower.console()).isEqualTo(Main.EXIT_FAIL);
        assertThat(slower.outcome().comparison()).hasValueSatisfying(c -> {
            assertThat(c.baseline()).as("the newest passing run").isEqualTo(second.outcome().result().info().folder());
            assertThat(c.regressed()).isTrue();
        });
        assertThat(slower.console()).containsPattern("regressed +throughput +.*direction=forward");
        assertThat(io.pvebench.run.RunFolder.JSON.readTree(folder.resolve("baseline.json").toFile())
                .path("regressed").asBoolean()).as("no later run's baseline").isTrue();
        try (Stream<Path> results = Files.list(folder.resolve(ComparisonResults.FOLDER))) {
            assertThat(results.filter(f -> f.toString().endsWith("-result.json"))).isNotEmpty();
        }
        if (html) {
            JsonNode categories = AllureSingleFile.embedded(folder, "widgets/categories.json")
                    .orElseThrow(() -> new AssertionError("no categories in the report: " + slower.console()));
            assertThat(categories.findValuesAsText("name")).as("the report's categories")
                    .contains(ComparisonResults.REGRESSIONS);
        } else {
            System.out.println("SKIPPED the report check: Allure commandline not found");
        }
    }
}
