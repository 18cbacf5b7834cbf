package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.report.AllureHistory;
import io.pvebench.report.AllureHtml;
import io.pvebench.testsupport.AllureSingleFile;
import io.pvebench.run.RunFolder;
import io.pvebench.testsupport.RequiredTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's trend charts count the earlier runs of the same pipeline on the same cluster from
 * pvebench's own history beside the run folders, so they survive the deletion of old run folders.
 */
@Tag("sim")
class TrendHistoryOnTwinTest {

    @TempDir
    Path dir;

    private Path pipeline() throws Exception {
        Path pipeline = dir.resolve("trend.yaml");
        Files.writeString(pipeline, """
                name: trend
                cluster: twin
                twin: {nodes: 2, pve: "9.2", timeScale: 40}
                vmSpecs:
                  - {name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}
                scenarios: [idle]
                repetitions: 1
                measure:
                  iperf3: {duration: 2s, streams: 1}
                  ping: {count: 5, interval: 200ms}
                objectives:
                  throughput: {min: 9 Gbit/s}
                """);
        return pipeline;
    }

    private static void requireAllure() {
        RequiredTools.require(AllureHtml.locate(), "Allure commandline not found (build with 'mvn package', which"
                + " unpacks it into target/allure-cli, or set PVEBENCH_ALLURE_HOME)");
    }

    @Test
    void eachReportsTrendCountsTheEarlierRunsEvenAfterARunFolderIsDeleted() throws Exception {
        requireAllure();
        Path pipeline = pipeline();
        Path out = dir.resolve("reports");

        Path first = run(pipeline, out, 1);
        Path second = run(pipeline, out, 2);
        JsonNode secondTrend = reportTrend(second);
        deleteTree(first);
        Path third = run(pipeline, out, 3);
        JsonNode thirdTrend = reportTrend(third);

        assertThat(secondTrend).hasSize(2);
        assertThat(thirdTrend).hasSize(3);
        // newest first, numbered by pvebench's executor.json
        assertThat(thirdTrend.findValuesAsText("buildOrder")).containsExactly("3", "2", "1");
        assertThat(thirdTrend.get(0).path("reportName").asText()).isEqualTo("trend on twin");
        JsonNode executor = RunFolder.JSON.readTree(third.resolve("allure-results/executor.json").toFile());
        assertThat(executor.path("buildName").asText()).isEqualTo(third.getFileName().toString());
        assertThat(RunFolder.JSON.readTree(out.resolve(AllureHistory.FOLDER).resolve("twin/trend")
                .resolve("history-trend.json").toFile())).hasSize(3);
    }

    @Test
    void theHistoryIsKeptWhereHistorySays() throws Exception {
        requireAllure();
        Path out = dir.resolve("reports");
        Path history = dir.resolve("kept/history");

        run(pipeline(), out, 1, "--history", history.toString());

        assertThat(RunFolder.JSON.readTree(history.resolve("twin/trend/history-trend.json").toFile())).hasSize(1);
        assertThat(out.resolve(AllureHistory.FOLDER)).doesNotExist();
    }

    @Test
    void aHistoryThatIsAFileIsInvalidInput() throws Exception {
        Path file = Files.writeString(dir.resolve("history"), "not a folder");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        int exit = new Main(Map.of(), console, console).execute("run", pipeline().toString(), "--out",
                dir.resolve("reports").toString(), "--history", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("--history " + file + " is a file, not a folder")
                .doesNotContain("Exception");
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    private static Path run(Path pipeline, Path out, long seed, String... options) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int exit = new Main(Map.of(), console, console).execute(Stream.concat(Stream.of("run", pipeline.toString(),
                "--out", out.toString(), "--seed", String.valueOf(seed)), Stream.of(options)).toArray(String[]::new));
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("report     ").doesNotContain("HTML report:");
        Matcher folder = Pattern.compile("run folder (\\S+)").matcher(printed);
        assertThat(folder.find()).as(printed).isTrue();
        return Path.of(folder.group(1));
    }

    /** The trend the report's chart draws, as Allure 2.34's single-file report embeds it. */
    private static JsonNode reportTrend(Path runFolder) throws Exception {
        return AllureSingleFile.embedded(runFolder, "widgets/history-trend.json")
                .orElseThrow(() -> new AssertionError("no trend widget's data in the report of " + runFolder));
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
