package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.assess.Verdict;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.report.AllureResults;
import io.pvebench.run.RunFolder;
import io.pvebench.run.StopSignal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pvebench report RUN}: a run made on the twin, judged again offline with a stricter
 * objective, with the same pipeline, into another folder, and with bad input.
 */
@Tag("sim")
class ReportCommandTest {

    @TempDir
    static Path shared;

    /** The run as {@code pvebench run} left it; each test judges a copy of it. */
    private static Path pristine;
    private static Path pipelineFile;
    private static double highestThroughput;

    @TempDir
    Path dir;

    private record Printed(int exit, String out, String err) {
    }

    @BeforeAll
    static void runThePipelineOnceOnTheTwin() throws Exception {
        pipelineFile = writePipeline(shared, "nightly.yaml", "9 Gbit/s");
        Printed run = pvebench("run", pipelineFile.toString(), "--out", shared.resolve("reports").toString(),
                "--seed", "7", "--no-html");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        try (Stream<Path> runs = Files.list(shared.resolve("reports"))) {
            pristine = runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        for (JsonNode c : summary(pristine).get("cases")) {
            highestThroughput = Math.max(highestThroughput, c.at("/metrics/throughput/max").asDouble(
                    c.at("/metrics/throughput/value").asDouble()));
        }
    }

    @Test
    void aStricterThroughputObjectiveTurnsPassIntoFailRewritesTheReportsAndLeavesRawOutputsAlone() throws Exception {
        Path run = copyOfTheRun();
        Map<String, String> rawBefore = digests(run, "raw", "samples.jsonl", "cases.jsonl", "pipeline.yaml");
        Path stricter = writePipeline(dir, "stricter.yaml", aboveEveryMeasuredThroughput());
        Path staleHtml = Files.createDirectories(run.resolve("allure-report")).resolve("index.html");
        Files.writeString(staleHtml, "<html>every case passed</html>");

        Printed p = pvebench("report", run.toString(), "--pipeline", stricter.toString(), "--no-html");

        assertThat(p.exit()).as(p.out() + p.err()).isEqualTo(1);
        assertThat(staleHtml).doesNotExist();
        assertThat(p.out()).contains("allure-report/ removed: it showed the verdicts before");
        JsonNode summary = summary(run);
        assertThat(summary.get("verdict").asText()).isEqualTo("fail");
        assertThat(summary.get("cases")).extracting(c -> c.get("verdict").asText()).containsExactly("fail", "fail");
        JsonNode throughput = objective(summary.get("cases").get(0), "throughput");
        assertThat(throughput.get("verdict").asText()).isEqualTo("fail");
        assertThat(throughput.get("bound").asText()).isEqualTo("min: " + aboveEveryMeasuredThroughput());
        assertThat(objective(summary.get("cases").get(0), "packet_loss").get("verdict").asText()).isEqualTo("pass");
        assertThat(summary(run, RunFolder.PREVIOUS_SUMMARY).get("verdict").asText()).isEqualTo("pass");
        assertThat(Files.readString(run.resolve("junit.xml"))).contains("tests=\"2\" failures=\"2\"");
        assertThat(allureCaseStatuses(run)).containsExactly("failed", "failed");
        assertThat(summary(run, RunFolder.REASSESSMENT).get("verdict").asText()).isEqualTo("fail");

        assertThat(digests(run, "raw", "samples.jsonl", "cases.jsonl", "pipeline.yaml")).isEqualTo(rawBefore);
        assertThat(p.out()).contains("case small-idle-r1: PASS -> FAIL", "case small-idle-r2: PASS -> FAIL")
                .containsPattern("throughput: pass \\(min: 9 Gbit/s\\) -> min: [0-9.]+ Gbit/s fail \\(throughput ")
                .contains("0 case(s) unchanged", "verdict PASS -> FAIL", "exit 1")
                .doesNotContain("packet_loss:");
    }

    @Test
    void anObjectiveOnAStatisticAddedSinceIsCheckedOverTheRunsRepetitions() throws Exception {
        Path run = copyOfTheRun();
        Path withStatistic = writePipeline(dir, "with-statistic.yaml", "9 Gbit/s",
                "  throughput.mean: {min: " + aboveEveryMeasuredThroughput() + "}\n");

        Printed p = pvebench("report", run.toString(), "--pipeline", withStatistic.toString(), "--no-html");

        assertThat(p.exit()).as(p.out() + p.err()).isEqualTo(1);
        JsonNode statistics = summary(run).get("statistics");
        assertThat(statistics).isNotEmpty().allSatisfy(s -> {
            assertThat(s.get("objective").asText()).isEqualTo("throughput.mean");
            assertThat(s.get("verdict").asText()).isEqualTo("fail");
            assertThat(s.get("repetitions")).hasSize(2);
        });
        assertThat(summary(run).get("cases")).extracting(c -> c.get("verdict").asText())
                .containsExactly("pass", "pass");
        assertThat(Files.readString(run.resolve("junit.xml"))).contains("nightly.statistics");
        assertThat(p.out())
                .containsPattern("statistic throughput\\.mean \\[vmSpec=small scenario=idle direction=forward"
                        + " node=pve2\\] min: [0-9.]+ Gbit/s: new, fail \\(")
                .contains("2 case(s) unchanged", "verdict PASS -> FAIL");
    }

    @Test
    void aRunWithoutACopyOfItsPipelineNeedsOneNamed() throws Exception {
        Path run = copyOfTheRun();
        Files.delete(run.resolve(RunFolder.PIPELINE_COPY));

        Printed p = pvebench("report", run.toString());

        assertThat(p.exit()).isEqualTo(2);
        assertThat(p.err()).contains("keeps no copy of its pipeline (pipeline.yaml); name the pipeline to judge it"
                + " with: --pipeline FILE");
    }

    @Test
    void judgingAgainWithThePipelineItRanKeepsEveryVerdictAndTheMatrix() throws Exception {
        Path run = copyOfTheRun();
        JsonNode before = summary(run);
        String matrixBefore = Files.readString(run.resolve("matrix.json"));

        Printed p = pvebench("report", run.toString(), "--no-html");

        assertThat(p.exit()).as(p.out() + p.err()).isZero();
        JsonNode after = summary(run);
        assertThat(after.get("verdict").asText()).isEqualTo("pass");
        assertThat(after.get("cases")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(after.get("cases").get(i).get("objectives"))
                    .isEqualTo(before.get("cases").get(i).get("objectives"));
            assertThat(after.get("cases").get(i).get("metrics")).isEqualTo(before.get("cases").get(i).get("metrics"));
            assertThat(after.get("cases").get(i).get("steps")).isEqualTo(before.get("cases").get(i).get("steps"));
        }
        assertThat(Files.readString(run.resolve("matrix.json"))).isEqualTo(matrixBefore);
        assertThat(allureCaseStatuses(run)).containsExactly("passed", "passed");
        assertThat(p.out()).contains("2 case(s) unchanged", "verdict PASS -> PASS", "(as it ran)", "exit 0")
                .doesNotContain("case small-idle");
    }

    @Test
    void theHtmlReportIsRenderedAgainFromTheResultsJudgedAgain() throws Exception {
        Path run = copyOfTheRun();
        Path stale = Files.createDirectories(run.resolve("allure-report")).resolve("stale.txt");
        Files.writeString(stale, "from before");

        Printed p = pvebench("report", run.toString());

        assertThat(p.exit()).as(p.out() + p.err()).isZero();
        assertThat(p.out() + p.err()).contains("report     " + run.resolve("allure-report").resolve("index.html"));
        assertThat(run.resolve("allure-report").resolve("index.html")).isNotEmptyFile();
        assertThat(stale).doesNotExist();
        // the run has (or had) its trend point already: judging it again adds none to the history store
        assertThat(run.getParent().resolve(io.pvebench.report.AllureHistory.FOLDER)).doesNotExist();
    }

    @Test
    void withOutTheCopyIsJudgedAndTheRunFolderIsLeftAsItWas() throws Exception {
        Path run = copyOfTheRun();
        Map<String, String> everything = digests(run, ".");
        Path stricter = writePipeline(dir, "stricter.yaml", aboveEveryMeasuredThroughput());

        Printed p = pvebench("report", run.toString(), "--pipeline", stricter.toString(), "--no-html",
                "--out", dir.resolve("judged").toString());

        assertThat(p.exit()).as(p.out() + p.err()).isEqualTo(1);
        assertThat(digests(run, ".")).isEqualTo(everything);
        Path copy = dir.resolve("judged").resolve(run.getFileName());
        assertThat(summary(copy).get("verdict").asText()).isEqualTo("fail");
        assertThat(digests(copy, "raw")).isEqualTo(digests(run, "raw"));
        assertThat(p.out()).contains("run folder " + copy);
    }

    @Test
    void aCaseAStageBrokeStaysBrokenWithItsReasonWhateverTheObjectives() throws Exception {
        StopSignal stop = new StopSignal();
        PipelineRunner.Outcome stopped = PipelineRunner.run(PipelineLoader.load(pipelineFile),
                new PipelineRunner.Options(dir.resolve("reports"), 3, Path.of("routes"), Map.of(),
                        new PrintStream(new ByteArrayOutputStream()),
                        List.of(StepTrigger.whenStarted(2, "measure", () -> stop.request("test stop"))), false,
                        Clock.systemUTC(), stop));
        assertThat(stopped.result().cases()).extracting(c -> c.assessment().verdict())
                .containsExactly(Verdict.PASS, Verdict.BROKEN);
        String reason = stopped.result().cases().get(1).assessment().reason();
        Path run = stopped.result().info().folder();
        Path stricter = writePipeline(dir, "stricter.yaml", aboveEveryMeasuredThroughput());

        Printed p = pvebench("report", run.toString(), "--pipeline", stricter.toString(), "--no-html");

        assertThat(p.exit()).as(p.out() + p.err()).isEqualTo(3);
        assertThat(summary(run).get("cases").get(0).get("verdict").asText()).isEqualTo("fail");
        JsonNode broken = summary(run).get("cases").get(1);
        assertThat(broken.get("verdict").asText()).isEqualTo("broken");
        assertThat(broken.get("reason").asText()).isEqualTo(reason).isNotEmpty();
        assertThat(summary(run).get("verdict").asText()).isEqualTo("broken");
        assertThat(Files.readString(run.resolve("junit.xml"))).contains("errors=\"1\"");
        // its objectives are checked again and shown, its verdict stays
        assertThat(p.out()).contains("case small-idle-r1: PASS -> FAIL", "case small-idle-r2: BROKEN -> BROKEN",
                "verdict BROKEN -> BROKEN");
    }

    @Test
    void aFolderThatIsNoRunIsInvalidInputNamingWhatIsMissing() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("not-a-run"));

        Printed noSummary = pvebench("report", empty.toString());
        Printed missing = pvebench("report", dir.resolve("nowhere").toString());

        assertThat(noSummary.exit()).isEqualTo(2);
        assertThat(noSummary.err()).contains(empty + " is not a run folder: it has no summary.json")
                .doesNotContain("Exception", "\tat ");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no run folder at " + dir.resolve("nowhere"));
    }

    @Test
    void anInvalidPipelineIsReportedWithFileLineAndColumnAndNothingIsRewritten() throws Exception {
        Path run = copyOfTheRun();
        Map<String, String> everything = digests(run, ".");
        Path invalid = dir.resolve("invalid.yaml");
        Files.writeString(invalid, Files.readString(pipelineFile).replace("min: 9 Gbit/s", "min: fast"));

        Printed p = pvebench("report", run.toString(), "--pipeline", invalid.toString());

        assertThat(p.exit()).isEqualTo(2);
        assertThat(p.err()).containsPattern(java.util.regex.Pattern.quote(invalid.toString()) + ":\\d+:\\d+: ");
        assertThat(digests(run, ".")).isEqualTo(everything);
    }

    @Test
    void anotherPipelineIsInvalidInputSinceItsCasesAreNotTheRunsOnes() throws Exception {
        Path run = copyOfTheRun();
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, Files.readString(pipelineFile).replace("name: nightly", "name: weekly"));

        Printed p = pvebench("report", run.toString(), "--pipeline", other.toString());

        assertThat(p.exit()).isEqualTo(2);
        assertThat(p.err()).contains("pipeline 'weekly' is not the one run " + run.getFileName() + " ran ('nightly')");
    }

    private String aboveEveryMeasuredThroughput() {
        return String.format(Locale.ROOT, "%.2f Gbit/s", Math.ceil(highestThroughput / 1e7 + 1) / 100);
    }

    private static Path writePipeline(Path folder, String name, String throughputMin) throws IOException {
        return writePipeline(folder, name, throughputMin, "");
    }

    private static Path writePipeline(Path folder, String name, String throughputMin, String moreObjectives)
            throws IOException {
        return Files.writeString(folder.resolve(name), """
                name: nightly
                cluster: twin
                twin:
                  nodes: 2
                  pve: "9.2"
                  timeScale: 20
                vmSpecs:
                  - name: small
                    cores: 4
                    memory: 4 GiB
                    vms: [101, 102]
                scenarios: [idle]
                repetitions: 2
                measure:
                  iperf3:
                    duration: 4s
                    streams: 1
                  ping:
                    count: 10
                    interval: 200ms
                objectives:
                  throughput:
                    min: %s
                  packetLoss:
                    max: 0 %%
                %s""".formatted(throughputMin, moreObjectives));
    }

    private Path copyOfTheRun() throws IOException {
        Path copy = dir.resolve("reports").resolve(pristine.getFileName());
        try (Stream<Path> paths = Files.walk(pristine)) {
            for (Path p : paths.toList()) {
                Path target = copy.resolve(pristine.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return copy;
    }

    private static JsonNode objective(JsonNode kase, String metric) {
        for (JsonNode o : kase.get("objectives")) {
            if (o.get("metric").asText().equals(metric)) {
                return o;
            }
        }
        throw new AssertionError("no objective on " + metric + " in " + kase);
    }

    private static List<String> allureCaseStatuses(Path run) throws IOException {
        List<String> statuses = new ArrayList<>();
        try (Stream<Path> files = Files.list(run.resolve(AllureResults.FOLDER))) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).sorted().toList()) {
                JsonNode test = RunFolder.JSON.readTree(f.toFile());
                if (test.get("name").asText().startsWith("small-idle-")) {
                    statuses.add(test.get("status").asText());
                }
            }
        }
        return statuses;
    }

    /** Every file under each of {@code paths} (relative to {@code root}) and its SHA-256. */
    private static Map<String, String> digests(Path root, String... paths) throws Exception {
        Map<String, String> out = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String path : paths) {
            try (Stream<Path> files = Files.walk(root.resolve(path))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    out.put(root.relativize(f).toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(f))));
                }
            }
        }
        return out;
    }

    private static JsonNode summary(Path run) throws IOException {
        return summary(run, "summary.json");
    }

    private static JsonNode summary(Path run, String file) throws IOException {
        return RunFolder.JSON.readTree(run.resolve(file).toFile());
    }

    private static Printed pvebench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
        return new Printed(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
