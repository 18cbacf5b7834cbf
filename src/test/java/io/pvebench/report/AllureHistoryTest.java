package io.pvebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureHistoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A trend of {@code runs} points, newest first, as Allure writes it. */
    private static List<Map<String, Object>> trend(int runs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int order = runs; order >= 1; order--) {
            out.add(Map.of("buildOrder", order, "data", Map.of("passed", order, "total", order)));
        }
        return out;
    }

    private static Map<String, Object> testHistory(int runs) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = runs; i >= 1; i--) {
            items.add(Map.of("uid", "run" + i, "status", "passed"));
        }
        return Map.of("abc123", Map.of("statistic", Map.of("passed", runs, "total", runs), "items", items));
    }

    private Path reportWithHistoryFolder(int runs) throws Exception {
        Path report = dir.resolve("allure-report");
        Files.createDirectories(report.resolve("history"));
        for (String name : List.of("history-trend.json", "duration-trend.json", "categories-trend.json",
                "retry-trend.json")) {
            JSON.writeValue(report.resolve("history").resolve(name).toFile(), trend(runs));
        }
        JSON.writeValue(report.resolve("history/history.json").toFile(), testHistory(runs));
        return report;
    }

    private JsonNode stored(AllureHistory history, String name) throws Exception {
        return JSON.readTree(history.folder().resolve(name).toFile());
    }

    @Test
    void keepsEveryHistoryFileOfTheReportCappedToTheLastRunsNewestFirst() throws Exception {
        AllureHistory history = AllureHistory.of(dir.resolve("reports/.history"), "lab", "lab-check", 3);

        List<String> kept = history.keepFrom(reportWithHistoryFolder(25));

        assertThat(kept).containsExactlyInAnyOrderElementsOf(AllureHistory.FILES);
        for (String trend : List.of("history-trend.json", "duration-trend.json", "categories-trend.json",
                "retry-trend.json")) {
            assertThat(stored(history, trend).findValuesAsText("buildOrder")).as(trend)
                    .containsExactly("25", "24", "23");
        }
        assertThat(stored(history, "history.json").at("/abc123/items").findValuesAsText("uid"))
                .containsExactly("run25", "run24", "run23");
        assertThat(stored(history, "history.json").at("/abc123/statistic/total").asInt()).isEqualTo(25);
    }

    @Test
    void aHistoryShorterThanTheCapIsKeptWhole() throws Exception {
        AllureHistory history = AllureHistory.of(dir.resolve("reports/.history"), "lab", "lab-check",
                AllureHistory.DEFAULT_RUNS);

        history.keepFrom(reportWithHistoryFolder(2));

        assertThat(stored(history, "history-trend.json")).hasSize(2);
        assertThat(history.nextBuildOrder()).isEqualTo(3);
    }

    @Test
    void readsTheHistoryASingleFileReportEmbedsInItsPage() throws Exception {
        Path report = dir.resolve("single");
        Files.createDirectories(report);
        String trend = Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(trend(4)));
        String widget = Base64.getEncoder().encodeToString("[]".getBytes(StandardCharsets.UTF_8));
        Files.writeString(report.resolve("index.html"), "<script>d('widgets/history-trend.json','" + widget
                + "')\nd('history/history-trend.json','" + trend + "')</script>");
        AllureHistory history = AllureHistory.of(dir.resolve("reports/.history"), "twin", "demo", 2);

        assertThat(history.keepFrom(report)).containsExactly("history-trend.json");
        assertThat(stored(history, "history-trend.json").findValuesAsText("buildOrder")).containsExactly("4", "3");
    }

    @Test
    void copiesTheStoredFilesWhereAllureReadsThemAndKeepsClustersAndPipelinesApart() throws Exception {
        Path out = dir.resolve("reports/.history");
        AllureHistory lab = AllureHistory.of(out, "lab", "lab-check", 20);
        lab.keepFrom(reportWithHistoryFolder(2));
        Path results = dir.resolve("run/allure-results");

        lab.copyInto(results);
        AllureHistory.of(out, "other/cluster", "lab-check", 20).copyInto(dir.resolve("elsewhere"));

        assertThat(lab.folder()).isEqualTo(out.resolve("lab/lab-check"));
        for (String name : AllureHistory.FILES) {
            assertThat(results.resolve("history").resolve(name)).hasSameBinaryContentAs(lab.folder().resolve(name));
        }
        assertThat(AllureHistory.of(out, "other/cluster", "lab-check", 20).folder())
                .isEqualTo(out.resolve("other_cluster/lab-check"));
        assertThat(dir.resolve("elsewhere")).doesNotExist();
        assertThat(AllureHistory.of(out, "lab", "other", 20).nextBuildOrder()).isEqualTo(1);
    }
}
