package io.pvebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.run.CaseResult;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunInfo;
import io.pvebench.run.RunResult;
import io.pvebench.testsupport.LoadedCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureResultsTest {

    @TempDir
    Path parent;

    @Test
    void aCasesTestAttachesItsTimeSeriesCsvAndChartsWhichAreInTheRunFolderToo() throws Exception {
        RunFolder folder = RunFolder.create(parent, "loaded-1");
        run(folder, List.of(LoadedCase.result()));

        JsonNode test = test(folder, LoadedCase.ID);
        List<String> names = new ArrayList<>();
        test.get("attachments").forEach(a -> names.add(a.get("name").asText() + " [" + a.get("type").asText() + "]"));
        assertThat(names).containsExactly("time series (CSV) [text/csv]",
                "chart: throughput per iperf3 interval [image/png]",
                "chart: round-trip time per echo reply [image/png]", "chart: node CPU [image/png]",
                "chart: VM CPU [image/png]");
        Path results = folder.root().resolve(AllureResults.FOLDER);
        for (JsonNode attachment : test.get("attachments")) {
            assertThat(results.resolve(attachment.get("source").asText())).isNotEmptyFile();
        }
        String csvSource = test.get("attachments").get(0).get("source").asText();
        assertThat(results.resolve(csvSource))
                .hasSameBinaryContentAs(folder.root().resolve("cases/small-burst-r1/timeseries.csv"));
        assertThat(folder.root().resolve("cases/small-burst-r1/throughput.png")).isNotEmptyFile();
        assertThat(test.get("steps").findValuesAsText("name")).doesNotContain("time series files");
    }

    @Test
    void aCaseWhoseChartsCannotBeWrittenKeepsItsTestWithABrokenStepSayingWhy() throws Exception {
        RunFolder folder = RunFolder.create(parent, "loaded-1");
        Files.createDirectories(folder.root().resolve("cases"));
        Files.writeString(folder.root().resolve("cases/small-burst-r1"), "in the way");
        run(folder, List.of(LoadedCase.result()));

        JsonNode test = test(folder, LoadedCase.ID);
        assertThat(test.get("status").asText()).isEqualTo("passed");
        assertThat(test.get("attachments")).isEmpty();
        JsonNode step = last(test.get("steps"));
        assertThat(step.get("name").asText()).isEqualTo("time series files");
        assertThat(step.get("status").asText()).isEqualTo("broken");
        assertThat(step.at("/statusDetails/message").asText()).startsWith("not made: timeseries.csv: cannot write")
                .contains("throughput.png: ");
    }

    @Test
    void theMatrixSummaryIsATestOfItsOwnSuiteShowingTheTableAcrossRepetitions() throws Exception {
        RunFolder folder = RunFolder.create(parent, "loaded-1");
        run(folder, List.of(LoadedCase.result(),
                LoadedCase.result("small-burst-r2", 2, LoadedCase.samples("small-burst-r2", 2))));

        JsonNode summary = test(folder, AllureResults.MATRIX_SUMMARY);
        Map<String, String> labels = new HashMap<>();
        summary.get("labels").forEach(l -> labels.put(l.get("name").asText(), l.get("value").asText()));
        assertThat(labels).containsEntry("suite", "Matrix summary").containsEntry("epic", "loaded");
        assertThat(summary.get("status").asText()).isEqualTo("passed");
        String html = summary.get("descriptionHtml").asText();
        assertThat(html).contains("<table").contains("95% CI (t)").contains("<td style=\"")
                .contains(">throughput</td>").contains(">direction</th>").contains(">forward</td>")
                .contains(">reverse</td>").contains(">9 Gbit/s<").contains(">8.9 Gbit/s<")
                .doesNotContain(">variant</th>");
        List<String> types = new ArrayList<>();
        summary.get("attachments").forEach(a -> types.add(a.get("type").asText()));
        assertThat(types).containsExactly("text/html", "text/csv");
        Path results = folder.root().resolve(AllureResults.FOLDER);
        String page = Files.readString(results.resolve(summary.get("attachments").get(0).get("source").asText()));
        assertThat(page).startsWith("<!DOCTYPE html>").contains("loaded: statistics across repetitions");
        String csv = Files.readString(results.resolve(summary.get("attachments").get(1).get("source").asText()));
        assertThat(csv).startsWith("metric,unit,vmSpec,scenario,variant,direction,node,n,mean,");
        assertThat(tests(folder)).hasSize(3);
    }

    @Test
    void theMatrixSummaryIsWrittenEvenWhenNoCaseLeftNumbers() throws Exception {
        RunFolder folder = RunFolder.create(parent, "loaded-1");
        run(folder, List.of());

        assertThat(test(folder, AllureResults.MATRIX_SUMMARY).get("descriptionHtml").asText())
                .contains("No statistics");
    }

    private static void run(RunFolder folder, List<CaseResult> cases) {
        RunInfo info = new RunInfo(folder.runId(), "loaded", Path.of("pipelines/loaded.yaml"), "twin", 1,
                folder.root(), LoadedCase.T0, cases.stream().map(CaseResult::plan).toList());
        AllureResults allure = new AllureResults(folder);
        allure.runStarted(info);
        cases.forEach(allure::caseFinished);
        allure.runFinished(new RunResult(info, Map.of(), cases, LoadedCase.at(60)));
    }

    private static JsonNode test(RunFolder folder, String name) throws IOException {
        return tests(folder).stream().filter(t -> t.get("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static List<JsonNode> tests(RunFolder folder) throws IOException {
        try (Stream<Path> files = Files.list(folder.root().resolve(AllureResults.FOLDER))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-result.json")).map(p -> {
                try {
                    return RunFolder.JSON.readTree(p.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }
}
