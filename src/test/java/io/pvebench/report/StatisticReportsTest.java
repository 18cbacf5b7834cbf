package io.pvebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.assess.Assessment;
import io.pvebench.assess.StatisticCheck;
import io.pvebench.assess.Verdict;
import io.pvebench.measure.Metric;
import io.pvebench.measure.Sample;
import io.pvebench.measure.Statistic;
import io.pvebench.pipeline.CasePlan;
import io.pvebench.pipeline.SourcePosition;
import io.pvebench.pipeline.StatisticObjective;
import io.pvebench.pipeline.VmSpec;
import io.pvebench.run.CaseResult;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunInfo;
import io.pvebench.run.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every report shows the objectives on statistics of a finished run: two passing cases, each
 * measuring two cells (forward and reverse); the reverse path's p05 misses its minimum, and
 * an objective on {@code rtt_avg}, which nobody measured, is unknown.
 */
class StatisticReportsTest {

    private static final Instant T = Instant.parse("2026-11-25T08:00:00Z");
    private static final VmSpec SMALL = new VmSpec("small", 4, 4L << 30, List.of(101, 102));
    private static final SourcePosition WHERE = new SourcePosition(Path.of("p.yaml"), 20, 3);

    @TempDir
    Path parent;

    private RunFolder folder;
    private RunResult run;

    @BeforeEach
    void finishARunWithStatistics() {
        folder = RunFolder.create(parent, "stats-1");
        List<CaseResult> cases = new ArrayList<>();
        for (int repetition = 1; repetition <= 2; repetition++) {
            CasePlan plan = new CasePlan("small-idle-r" + repetition, SMALL, "idle", repetition);
            List<Sample> samples = List.of(
                    throughput(plan, 9.4e9 + repetition * 1e8, "forward"),
                    throughput(plan, 8.0e9 + repetition * 1e8, "reverse"));
            cases.add(new CaseResult(plan, new Assessment(Verdict.PASS, "", List.of()), List.of(), samples, T,
                    T.plusSeconds(10)));
        }
        RunInfo info = new RunInfo("stats-1", "stats", Path.of("p.yaml"), "twin", 7, folder.root(), T,
                cases.stream().map(CaseResult::plan).toList());
        List<StatisticObjective> objectives = List.of(
                new StatisticObjective(Metric.THROUGHPUT, Statistic.P05, 9e9, null, "min: 9 Gbit/s", WHERE),
                new StatisticObjective(Metric.RTT_AVG, Statistic.MEAN, null, 1.0, "max: 1 ms", WHERE));
        RunResult finished = new RunResult(info, Map.of("pve.version", "9.2.0"), cases, T.plusSeconds(30));
        run = finished.withStatistics(StatisticCheck.checkCells(objectives, finished.unbrokenSamples(), 7));
    }

    private static Sample throughput(CasePlan plan, double value, String direction) {
        Map<String, String> labels = new HashMap<>(Map.of("run", "stats-1", "case", plan.id(), "vmSpec", "small",
                "scenario", "idle", "repetition", String.valueOf(plan.repetition()), "node", "pve2"));
        labels.put("direction", direction);
        return Sample.of(Metric.THROUGHPUT, value, labels, T);
    }

    @Test
    void theRunFailsOnTheReversePathAlthoughEveryCasePassed() {
        assertThat(run.cases()).allSatisfy(c -> assertThat(c.assessment().verdict()).isEqualTo(Verdict.PASS));
        assertThat(run.statistics()).extracting(r -> r.group().get("direction"), r -> r.verdict())
                .containsExactly(
                        tuple("forward", Verdict.PASS),
                        tuple("reverse", Verdict.FAIL),
                        tuple(null, Verdict.UNKNOWN));
        assertThat(run.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void summaryJsonListsEachCellsResultWithItsObjectiveValueVerdictAndReason() throws Exception {
        SummaryJson summary = new SummaryJson(folder);
        summary.runStarted(run.info());
        summary.runFinished(run);

        JsonNode root = RunFolder.JSON.readTree(folder.root().resolve("summary.json").toFile());
        assertThat(root.get("verdict").asText()).isEqualTo("fail");
        JsonNode statistics = root.get("statistics");
        assertThat(statistics).hasSize(3);
        JsonNode reverse = statistics.get(1);
        assertThat(reverse.get("objective").asText()).isEqualTo("throughput.p05");
        assertThat(reverse.get("bound").asText()).isEqualTo("min: 9 Gbit/s");
        assertThat(reverse.get("metric").asText()).isEqualTo("throughput");
        assertThat(reverse.get("statistic").asText()).isEqualTo("p05");
        assertThat(fieldNames(reverse.get("cell"))).containsExactly("vmSpec", "scenario", "direction", "node");
        assertThat(reverse.get("cell").get("direction").asText()).isEqualTo("reverse");
        assertThat(reverse.get("value").asDouble()).isBetween(8.1e9, 8.2e9);
        assertThat(reverse.get("unit").asText()).isEqualTo("bit/s");
        assertThat(reverse.get("repetitions").get("1").asDouble()).isEqualTo(8.1e9);
        assertThat(reverse.get("repetitions").get("2").asDouble()).isEqualTo(8.2e9);
        assertThat(reverse.get("verdict").asText()).isEqualTo("fail");
        assertThat(reverse.get("reason").asText()).endsWith(" < min 9 Gbit/s");
        JsonNode unmeasured = statistics.get(2);
        assertThat(unmeasured.get("verdict").asText()).isEqualTo("unknown");
        assertThat(unmeasured.get("value").isNull()).isTrue();
        assertThat(unmeasured.get("reason").asText()).isEqualTo("no sample of rtt_avg was measured");
    }

    @Test
    void summaryJsonHasNoStatisticsWhileTheRunIsInProgress() throws Exception {
        SummaryJson summary = new SummaryJson(folder);
        summary.runStarted(run.info());
        summary.caseFinished(run.cases().get(0));

        JsonNode root = RunFolder.JSON.readTree(folder.root().resolve("summary.json").toFile());
        assertThat(root.get("verdict").asText()).isEqualTo("running");
        assertThat(root.get("statistics")).isEmpty();
    }

    @Test
    void allureWritesOneTestPerCellAndObjectiveInTheStatisticsSuite() throws Exception {
        AllureResults allure = new AllureResults(folder);
        allure.runStarted(run.info());
        run.cases().forEach(allure::caseFinished);
        allure.runFinished(run);

        List<JsonNode> tests = allureTests().stream()
                .filter(t -> labels(t).get("suite").equals(AllureResults.STATISTICS_SUITE)).toList();
        assertThat(tests).hasSize(3);
        JsonNode reverse = tests.stream().filter(t -> parameters(t).getOrDefault("direction", "").equals("reverse"))
                .findFirst().orElseThrow();
        assertThat(reverse.get("name").asText()).isEqualTo("throughput.p05 (min: 9 Gbit/s)");
        assertThat(reverse.get("status").asText()).isEqualTo("failed");
        assertThat(reverse.get("statusDetails").get("message").asText()).endsWith(" < min 9 Gbit/s");
        assertThat(labels(reverse)).containsEntry("parentSuite", "stats").containsEntry("epic", "stats")
                .containsEntry("feature", "small").containsEntry("story", "idle")
                .containsEntry("subSuite", "vmSpec=small scenario=idle direction=reverse node=pve2");
        assertThat(parameters(reverse)).containsEntry("vmSpec", "small").containsEntry("scenario", "idle")
                .containsEntry("node", "pve2").containsEntry("repetitions", "2").containsKey("p05");
        assertThat(reverse.get("description").asText())
                .contains("| 1 | 8.1 Gbit/s |").contains("| 2 | 8.2 Gbit/s |");
        assertThat(reverse.get("historyId").asText())
                .isEqualTo("stats/statistics/throughput.p05/vmSpec=small scenario=idle direction=reverse node=pve2");
        assertThat(tests).extracting(t -> t.get("status").asText())
                .containsExactlyInAnyOrder("passed", "failed", "skipped");
        // two cases, three statistic tests, the matrix summary
        assertThat(allureTests()).hasSize(6);
    }

    @Test
    void junitXmlCountsTheStatisticsAmongItsTestsAndNamesTheFailingCell() {
        String xml = JunitXml.render(run);

        assertThat(xml).contains("<testsuite name=\"stats\" tests=\"5\" failures=\"1\" errors=\"0\" skipped=\"1\"");
        assertThat(xml).contains("<testcase classname=\"stats.statistics\" "
                + "name=\"throughput.p05 vmSpec=small scenario=idle direction=reverse node=pve2\"");
        assertThat(xml).contains("<failure type=\"objective\" message=\"throughput p05 8.1");
        assertThat(xml).contains("repetition 2 = 8.20000e+09 bit/s");
    }

    @Test
    void theConsoleNamesTheCellThatFailsAfterTheMatrixTable() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new MatrixSummary(folder, new PrintStream(buffer, true, StandardCharsets.UTF_8)).runFinished(run);
        String console = buffer.toString(StandardCharsets.UTF_8);

        assertThat(console.indexOf("objectives on statistics across repetitions: 1 pass, 1 fail, 1 unknown"))
                .isGreaterThan(console.indexOf("across repetitions (mean, 95% CI of the mean)"));
        assertThat(console).contains("  FAIL    throughput.p05 (min: 9 Gbit/s) in vmSpec=small scenario=idle "
                + "direction=reverse node=pve2: throughput p05 8.1");
        assertThat(console).contains("  UNKNOWN rttAvg.mean (max: 1 ms) in no cell: no sample of rtt_avg was measured");
        assertThat(console).doesNotContain("direction=forward node=pve2:");
        assertThat(console).contains("direction").contains("forward").contains("reverse");
    }

    @Test
    void theMatrixHasARowPerDirectionWithEveryCellLabelAsAColumn() throws Exception {
        new MatrixSummary(folder, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .runFinished(run);

        assertThat(Files.readString(folder.root().resolve("matrix.csv")))
                .startsWith("metric,unit,vmSpec,scenario,variant,direction,node,n,mean,")
                .contains("throughput,bit/s,small,idle,,forward,pve2,2,")
                .contains("throughput,bit/s,small,idle,,reverse,pve2,2,");
    }

    private List<JsonNode> allureTests() throws Exception {
        try (Stream<Path> files = Files.list(folder.root().resolve(AllureResults.FOLDER))) {
            List<JsonNode> out = new ArrayList<>();
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList()) {
                out.add(RunFolder.JSON.readTree(p.toFile()));
            }
            return out;
        }
    }

    private static Map<String, String> labels(JsonNode test) {
        Map<String, String> out = new HashMap<>();
        test.get("labels").forEach(l -> out.put(l.get("name").asText(), l.get("value").asText()));
        return out;
    }

    private static Map<String, String> parameters(JsonNode test) {
        Map<String, String> out = new HashMap<>();
        test.get("parameters").forEach(p -> out.put(p.get("name").asText(), p.get("value").asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
