package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.report.AllureResults;
import io.pvebench.run.RunFolder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, end to end: the demo pipeline on the embedded twin over real SSH. */
@Tag("sim")
class DemoPipelineOnTwinTest {

    @TempDir
    static Path out;

    private static int exitCode;
    private static String console;
    private static Path runFolder;

    @BeforeAll
    static void runTheDemoOnce() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        exitCode = new Main(Map.of(), stream, stream)
                .execute("run", "pipelines/demo.yaml", "--out", out.toString(), "--seed", "7", "--no-html");
        console = buffer.toString(StandardCharsets.UTF_8);
        try (Stream<Path> runs = Files.list(out)) {
            runFolder = runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private static JsonNode summary() throws Exception {
        return RunFolder.JSON.readTree(runFolder.resolve("summary.json").toFile());
    }

    @Test
    void demoPassesEveryObjectiveAndExitsZero() throws Exception {
        assertThat(exitCode).as(console).isZero();
        assertThat(summary().get("verdict").asText()).isEqualTo("pass");
    }

    @Test
    void summaryListsEveryCaseWithParametersMetricsAndObjectives() throws Exception {
        JsonNode cases = summary().get("cases");
        assertThat(cases).hasSize(2);
        JsonNode first = cases.get(0);
        assertThat(first.get("id").asText()).isEqualTo("small-idle-r1");
        assertThat(first.get("parameters").get("vmSpec").asText()).isEqualTo("small");
        assertThat(first.get("verdict").asText()).isEqualTo("pass");
        double throughput = first.get("metrics").get("throughput").get("value").asDouble();
        assertThat(throughput).isBetween(9.0e9, 10.0e9);
        assertThat(first.get("metrics").get("throughput").get("unit").asText()).isEqualTo("bit/s");
        assertThat(first.get("metrics").get("packet_loss").get("value").asDouble()).isZero();
        assertThat(first.get("objectives")).hasSize(3);
        assertThat(first.get("steps").findValuesAsText("name"))
                .containsExactly("setup", "load", "measure", "unload", "collect", "teardown");
        assertThat(summary().get("environment").get("pve.version").asText()).startsWith("9.2.");
    }

    @Test
    void samplesComeFromTheToolsOwnOutputsWhichAreKept() throws Exception {
        List<String> lines = Files.readAllLines(runFolder.resolve("samples.jsonl"));
        JsonNode throughput = lines.stream().map(DemoPipelineOnTwinTest::json)
                .filter(s -> s.get("metric").asText().equals("throughput")
                        && s.get("labels").get("direction").asText().equals("forward")).findFirst().orElseThrow();
        JsonNode labels = throughput.get("labels");
        assertThat(labels.get("case").asText()).isEqualTo("small-idle-r1");
        assertThat(labels.get("vmSpec").asText()).isEqualTo("small");
        assertThat(labels.get("scenario").asText()).isEqualTo("idle");
        assertThat(labels.get("repetition").asText()).isEqualTo("1");
        assertThat(labels.get("node").asText()).isEqualTo("pve2");
        assertThat(labels.get("run").asText()).isEqualTo(runFolder.getFileName().toString());

        Path raw = runFolder.resolve("raw").resolve("small-idle-r1");
        try (Stream<Path> files = Files.list(raw)) {
            Path iperf = files.filter(p -> p.getFileName().toString().contains("iperf3-client-forward")
                    && p.toString().endsWith(".json")).findFirst().orElseThrow();
            // the guest's own iperf3 JSON, unwrapped, holds the number the sample carries
            JsonNode tool = RunFolder.JSON.readTree(iperf.toFile());
            assertThat(tool.at("/end/sum_received/bits_per_second").asDouble())
                    .isEqualTo(throughput.get("value").asDouble());
        }
        assertThat(Files.readAllLines(runFolder.resolve("raw/commands.jsonl")))
                .anySatisfy(l -> assertThat(l).contains("pveversion"))
                .anySatisfy(l -> assertThat(l).contains("qm guest exec 102"));
    }

    @Test
    void junitXmlHasOneTestCasePerCase() throws Exception {
        String xml = Files.readString(runFolder.resolve("junit.xml"));
        assertThat(xml).contains("<testsuite name=\"demo\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"0\"");
        assertThat(xml).contains("name=\"small-idle-r1\"").contains("name=\"small-idle-r2\"");
    }

    @Test
    void allureResultsHoldOneTestPerCaseWithStepsAndAttachments() throws Exception {
        Path results = runFolder.resolve("allure-results");
        List<JsonNode> tests = allureTests().stream()
                .filter(t -> !t.get("name").asText().equals(AllureResults.MATRIX_SUMMARY)).toList();
        assertThat(tests).hasSize(2);
        JsonNode test = tests.stream().filter(t -> t.get("name").asText().equals("small-idle-r1"))
                .findFirst().orElseThrow();
        assertThat(test.get("status").asText()).isEqualTo("passed");
        Map<String, String> labels = new java.util.HashMap<>();
        test.get("labels").forEach(l -> labels.put(l.get("name").asText(), l.get("value").asText()));
        assertThat(labels).containsEntry("epic", "demo").containsEntry("feature", "small")
                .containsEntry("story", "idle").containsEntry("host", "twin");
        Map<String, String> parameters = new java.util.HashMap<>();
        test.get("parameters").forEach(p -> parameters.put(p.get("name").asText(), p.get("value").asText()));
        assertThat(parameters).containsEntry("vmSpec", "small").containsEntry("repetition", "1")
                .containsEntry("cores", "4").containsEntry("memory", "4 GiB");
        JsonNode measure = test.get("steps").get(2);
        assertThat(measure.get("name").asText()).isEqualTo("measure");
        assertThat(measure.get("attachments").size()).isGreaterThanOrEqualTo(5);
        String source = measure.get("attachments").get(0).get("source").asText();
        assertThat(results.resolve(source)).exists();
        assertThat(Files.readString(results.resolve("environment.properties"))).contains("pve.version=9.2.");
    }

    @Test
    void theMatrixSummaryGivesEachMetricsStatisticsAcrossRepetitions() throws Exception {
        JsonNode rows = RunFolder.JSON.readTree(runFolder.resolve("matrix.json").toFile());
        JsonNode throughput = null;
        for (JsonNode row : rows) {
            if (row.get("metric").asText().equals("throughput")) {
                throughput = row;
            }
        }
        assertThat(throughput).isNotNull();
        assertThat(throughput.get("vmSpec").asText()).isEqualTo("small");
        assertThat(throughput.get("scenario").asText()).isEqualTo("idle");
        assertThat(throughput.get("n").asInt()).isEqualTo(2);
        double mean = throughput.get("mean").asDouble();
        assertThat(mean).isBetween(9.0e9, 10.0e9);
        assertThat(throughput.get("ci95Low").asDouble()).isLessThanOrEqualTo(mean);
        assertThat(throughput.get("ci95High").asDouble()).isGreaterThanOrEqualTo(mean);
        assertThat(Files.readString(runFolder.resolve("matrix.csv")))
                .startsWith("metric,unit,vmSpec,scenario,variant,direction,node,n,mean,median,min,max,stdev,p05,p95,");
        assertThat(console).contains("across repetitions (mean, 95% CI of the mean)");
    }

    @Test
    void eachCaseHasItsThroughputAndRttOverTimeAsCsvAndChartsInTheRunFolderAndItsAllureTest() throws Exception {
        Path caseFolder = runFolder.resolve("cases/small-idle-r1");
        List<String> csv = Files.readAllLines(caseFolder.resolve("timeseries.csv"));
        assertThat(csv.get(0)).startsWith("time,seconds,metric,unit,value,phases,");
        // 10 one-second intervals in each direction
        assertThat(csv).filteredOn(l -> l.contains(",throughput_interval,bit/s,")).hasSize(20);
        assertThat(csv).filteredOn(l -> l.contains(",rtt,ms,")).hasSize(20);
        assertThat(csv).noneMatch(l -> l.contains(",throughput,") || l.contains(",rtt_avg,"));
        for (String chart : List.of("throughput.png", "rtt.png", "node-cpu.png", "vm-cpu.png")) {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(caseFolder.resolve(chart).toFile());
            assertThat(image.getWidth()).as(chart).isEqualTo(900);
            assertThat(image.getHeight()).as(chart).isEqualTo(400);
        }
        // node and VM use are sampled every second of every case, idle too
        assertThat(csv).filteredOn(l -> l.contains(",vm_cpu,%,")).hasSizeGreaterThan(20);

        JsonNode test = allureTests().stream().filter(t -> t.get("name").asText().equals("small-idle-r1"))
                .findFirst().orElseThrow();
        assertThat(test.get("attachments").findValuesAsText("type"))
                .containsExactly("text/csv", "image/png", "image/png", "image/png", "image/png");
        for (JsonNode attachment : test.get("attachments")) {
            assertThat(runFolder.resolve("allure-results").resolve(attachment.get("source").asText()))
                    .isNotEmptyFile();
        }
    }

    @Test
    void theMatrixSummaryIsAnAllureTestOfItsOwnWithTheTable() throws Exception {
        JsonNode summary = allureTests().stream()
                .filter(t -> t.get("name").asText().equals(AllureResults.MATRIX_SUMMARY)).findFirst().orElseThrow();
        assertThat(summary.get("labels").findValuesAsText("value")).contains(AllureResults.MATRIX_SUMMARY);
        assertThat(summary.get("descriptionHtml").asText()).contains("<table").contains(">throughput</td>");
        assertThat(summary.get("attachments").findValuesAsText("type")).containsExactly("text/html", "text/csv");
    }

    @Test
    void consoleShowsProgressAndASummaryTable() {
        assertThat(console).contains("[1/2] small-idle-r1").contains("[2/2] small-idle-r2")
                .contains("ETA").contains("verdict PASS").contains("exit 0").contains("Gbit/s");
    }

    private static List<JsonNode> allureTests() throws Exception {
        try (Stream<Path> files = Files.list(runFolder.resolve("allure-results"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-result.json"))
                    .map(p -> json(read(p))).toList();
        }
    }

    private static JsonNode json(String text) {
        try {
            return RunFolder.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
