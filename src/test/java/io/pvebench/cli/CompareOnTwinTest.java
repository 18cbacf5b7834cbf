package io.pvebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.report.ComparisonResults;
import io.pvebench.run.RunFolder;
import io.pvebench.sim.SimHardware;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pvebench compare} on twin runs: a re-run of the same cluster is unchanged, the same pipeline
 * on nodes whose NICs are 20 % slower (8 instead of 10 Gbit/s) is a throughput regression, exit 1,
 * and a failed test in the category Regressions of the comparison's Allure results.
 */
@Tag("sim")
class CompareOnTwinTest {

    private static final String PASSWORD = "compare-test-pw";

    @TempDir
    Path dir;

    private record Printed(int exit, String out) {
    }

    private static Printed compare(Path baseline, Path run, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(Stream.concat(Stream.of("compare", baseline.toString(), run.toString()), Stream.of(options))
                        .toArray(String[]::new));
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
        assertThat(worse.out()).contains("allure results " + slower.resolve(ComparisonResults.FOLDER));
    }

    @Test
    void theComparisonsAllureResultsHoldTheRegressionAsAFailedTestInTheRegressionsCategory() throws Exception {
        Path baseline;
        Path slower;
        try (TwinCluster ten = new TwinCluster(dir.resolve("ten"), PASSWORD, 3, 40)) {
            baseline = runOn(ten, 3);
        }
        try (TwinCluster eight = new TwinCluster(dir.resolve("eight"), PASSWORD, 3, 40,
                new SimHardware(8, 1500, 1, "none", "local-lvm"), false)) {
            slower = runOn(eight, 3);
        }
        Path results = dir.resolve("jenkins/compare");

        Printed worse = compare(baseline, slower, "--allure", results.toString());

        assertThat(worse.exit()).as(worse.out()).isEqualTo(1);
        List<JsonNode> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path f : files.filter(p -> p.toString().endsWith("-result.json")).toList()) {
                tests.add(RunFolder.JSON.readTree(f.toFile()));
            }
        }
        String regressions = regressionsRegex(results);
        List<JsonNode> forward = tests.stream().filter(t -> t.get("name").asText()
                .matches("throughput \\[.*direction=forward.*")).toList();
        assertThat(forward).hasSize(1);
        assertThat(forward.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(forward.get(0).at("/statusDetails/message").asText()).matches(regressions);
        assertThat(forward.get(0).get("parameters").findValuesAsText("name"))
                .contains("baseline", "run", "difference", "effect size (Hedges' g)", "p (Welch)");
        // the loss is zero in both: unchanged, passed, not a regression
        List<JsonNode> loss = tests.stream().filter(t -> t.get("name").asText().startsWith("packet_loss ")).toList();
        assertThat(loss).isNotEmpty().allSatisfy(t -> {
            assertThat(t.get("status").asText()).isEqualTo("passed");
            assertThat(t.at("/statusDetails/message").asText()).startsWith("unchanged: ").doesNotMatch(regressions);
        });
        assertThat(slower.resolve(ComparisonResults.FOLDER)).doesNotExist();
    }

    private static String regressionsRegex(Path results) throws Exception {
        for (JsonNode category : RunFolder.JSON.readTree(results.resolve("categories.json").toFile())) {
            if (category.get("name").asText().equals(ComparisonResults.REGRESSIONS)) {
                return category.get("messageRegex").asText();
            }
        }
        throw new AssertionError("no category " + ComparisonResults.REGRESSIONS);
    }

    @Test
    void anAllureFolderHoldingOtherFilesIsInvalidInput() throws Exception {
        Path other = Files.createDirectories(dir.resolve("allure-results"));
        Files.writeString(other.resolve("abc-result.json"), "{}");

        Printed p = compare(dir, dir, "--allure", other.toString());

        assertThat(p.exit()).isEqualTo(2);
        assertThat(p.out()).contains("--allure " + other + " holds files that pvebench compare did not write");
        assertThat(other.resolve("abc-result.json")).hasContent("{}");
    }

    @Test
    void jumboFramesOnTheNodesAreListedBeforeTheMetricsAndANodeThatCannotTellItsStorageOnlyMakesItUnknown()
            throws Exception {
        Path baseline;
        PipelineRunner.Outcome jumbo;
        try (TwinCluster standard = new TwinCluster(dir.resolve("1500"), PASSWORD, 3, 40)) {
            baseline = standard.run(standard.pipeline(1, "1s"), 3).result().info().folder();
        }
        try (TwinCluster nine = new TwinCluster(dir.resolve("9000"), PASSWORD, 3, 40,
                SimHardware.DEFAULT.withMtu(9000), false)) {
            nine.twin.failCommands("pve2", "pvesm", 111, "ipcc_send_rec[1] failed: Connection refused\n");
            jumbo = nine.run(nine.pipeline(1, "1s"), 3);
        }
        Path run = jumbo.result().info().folder();

        Printed printed = compare(baseline, run);

        assertThat(jumbo.result().verdict()).isEqualTo(io.pvebench.assess.Verdict.PASS);
        assertThat(jumbo.result().environment()).containsEntry("pve1.nic.vmbr0.mtu", "9000")
                .containsEntry("pve2.storage", "unknown")
                .containsEntry("corosync.link0.pve2", "10.0.99.12")
                .containsEntry("pve1.pkg.qemu-server", "9.2.6");
        JsonNode summary = RunFolder.JSON.readTree(run.resolve("summary.json").toFile());
        assertThat(summary.path("environment").path("pve2.nic.eno1.mtu").asText()).isEqualTo("9000");
        JsonNode fingerprint = RunFolder.JSON.readTree(run.resolve("fingerprint.json").toFile());
        assertThat(fingerprint).hasSize(2);
        assertThat(fingerprint.get(0).path("kernel").asText()).isEqualTo("7.0.4-2-pve");
        assertThat(fingerprint.get(0).path("packages").path("pve-manager").asText()).isEqualTo("9.2.11");
        assertThat(fingerprint.get(1).path("storages").isNull()).isTrue();
        assertThat(fingerprint.get(1).path("unknown").path("storage").asText()).contains("exited 111");
        try (var raw = java.nio.file.Files.list(run.resolve("raw/run"))) {
            assertThat(raw.map(f -> f.getFileName().toString()))
                    .anyMatch(f -> f.contains("preflight") && f.contains("corosync-cfgtool"))
                    .anyMatch(f -> f.contains("preflight") && f.contains("pvesm"));
        }
        String out = printed.out();
        assertThat(out).contains("environment changed since the baseline:",
                "  pve1.nic.vmbr0.mtu: 1500 -> 9000", "  pve2.nic.eno1.mtu: 1500 -> 9000",
                "  pve2.storage: (none) -> unknown", "  pve2.storage.local-lvm.status: active -> (none)");
        assertThat(out.indexOf("pve1.nic.vmbr0.mtu")).isLessThan(out.indexOf("verdict "));
        assertThat(out).doesNotContain("pve1.pkg.", "pve1.packages:");
    }

    @Test
    void aFolderWithoutSamplesIsInvalidInput() {
        Printed p = compare(dir, dir);

        assertThat(p.exit()).isEqualTo(2);
        assertThat(p.out()).contains("is not a run folder: it has no samples.jsonl");
    }
}
