package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.run.RunFolder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objectives on statistics across repetitions through {@code pvebench run} on the embedded
 * twin, whose path carries about 9.4 Gbit/s: a p05 of at least 9 Gbit/s passes, one of at
 * least 20 Gbit/s fails the run although every case passes its own objectives.
 */
@Tag("sim")
class StatisticObjectivesOnTwinTest {

    private static final Path PIPELINES = Path.of("src/test/resources/pipelines/twin");

    @TempDir
    static Path out;

    private static Run met;
    private static Run impossible;

    /** One finished {@code pvebench run}: its exit code, console and run folder. */
    private record Run(int exitCode, String console, Path folder) {

        JsonNode summary() throws Exception {
            return RunFolder.JSON.readTree(folder.resolve("summary.json").toFile());
        }
    }

    @BeforeAll
    static void runBothPipelinesOnce() throws Exception {
        met = run("statistics.yaml", out.resolve("met"));
        impossible = run("statistics-impossible.yaml", out.resolve("impossible"));
    }

    private static Run run(String pipeline, Path reports) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int exit = new Main(Map.of(), stream, stream).execute("run", PIPELINES.resolve(pipeline).toString(),
                "--out", reports.toString(), "--seed", "7", "--no-html");
        try (Stream<Path> runs = Files.list(reports)) {
            return new Run(exit, buffer.toString(StandardCharsets.UTF_8),
                    runs.filter(Files::isDirectory).findFirst().orElseThrow());
        }
    }

    @Test
    void aP05TheTwinReachesPassesTheRunAndExitsZero() throws Exception {
        assertThat(met.exitCode()).as(met.console()).isZero();
        JsonNode summary = met.summary();
        assertThat(summary.get("verdict").asText()).isEqualTo("pass");
        JsonNode statistics = summary.get("statistics");
        assertThat(statistics.findValuesAsText("objective"))
                .containsExactly("throughput.p05", "packetLoss.max", "rttAvg.mean");
        assertThat(statistics.findValuesAsText("verdict")).containsOnly("pass");
        JsonNode p05 = statistics.get(0);
        assertThat(p05.get("bound").asText()).isEqualTo("min: 9 Gbit/s");
        assertThat(p05.get("cell").get("vmSpec").asText()).isEqualTo("small");
        assertThat(p05.get("cell").get("scenario").asText()).isEqualTo("idle");
        assertThat(p05.get("cell").get("direction").asText()).isEqualTo("forward");
        assertThat(p05.get("value").asDouble()).isBetween(9.0e9, 10.0e9);
        assertThat(p05.get("repetitions").size()).isEqualTo(2);
        assertThat(met.console()).contains("objectives on statistics across repetitions: 3 pass")
                .contains("verdict PASS").contains("exit 0");
    }

    @Test
    void theStatisticsJoinJunitXmlAndAllureBesideTheCases() throws Exception {
        assertThat(Files.readString(met.folder().resolve("junit.xml")))
                .contains("<testsuite name=\"demo-statistics\" tests=\"5\" failures=\"0\" errors=\"0\" skipped=\"0\"")
                .contains("classname=\"demo-statistics.statistics\" name=\"throughput.p05 vmSpec=small scenario=idle "
                        + "direction=forward node=pve2\"");
        List<JsonNode> allure = new ArrayList<>();
        try (Stream<Path> files = Files.list(met.folder().resolve("allure-results"))) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList()) {
                allure.add(RunFolder.JSON.readTree(p.toFile()));
            }
        }
        // two cases, three statistic tests, the matrix summary
        assertThat(allure).hasSize(6);
        assertThat(allure).filteredOn(t -> t.get("name").asText().equals("throughput.p05 (min: 9 Gbit/s)"))
                .singleElement().satisfies(t -> {
                    assertThat(t.get("status").asText()).isEqualTo("passed");
                    assertThat(t.get("description").asText()).contains("| 1 | 9.").contains("| 2 | 9.");
                });
    }

    @Test
    void anImpossibleP05FailsTheRunWhoseCasesAllPassedAndNamesTheCell() throws Exception {
        assertThat(impossible.exitCode()).as(impossible.console()).isEqualTo(1);
        JsonNode summary = impossible.summary();
        assertThat(summary.get("verdict").asText()).isEqualTo("fail");
        List<String> caseVerdicts = new ArrayList<>();
        summary.get("cases").forEach(c -> caseVerdicts.add(c.get("verdict").asText()));
        assertThat(caseVerdicts).containsExactly("pass", "pass");
        JsonNode p05 = summary.get("statistics").get(0);
        assertThat(p05.get("verdict").asText()).isEqualTo("fail");
        assertThat(p05.get("reason").asText()).startsWith("throughput p05 9.").endsWith(" < min 20 Gbit/s");
        assertThat(impossible.console())
                .contains("verdict FAIL")
                .contains("objectives on statistics across repetitions: 1 fail")
                .contains("FAIL    throughput.p05 (min: 20 Gbit/s) in vmSpec=small scenario=idle direction=forward "
                        + "node=pve2: throughput p05 9.")
                .contains("exit 1");
        assertThat(Files.readString(impossible.folder().resolve("junit.xml")))
                .contains("tests=\"3\" failures=\"1\"");
    }
}
