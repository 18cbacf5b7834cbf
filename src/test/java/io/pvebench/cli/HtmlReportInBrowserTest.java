package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.report.AllureResults;
import io.pvebench.run.RunFolder;
import io.pvebench.testsupport.RequiredTools;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees: the demo's report, rendered by Allure's commandline, opened from
 * disk in headless Chromium, shows the run's cases, the matrix table and the case charts.
 */
@Tag("integration")
class HtmlReportInBrowserTest {

    @TempDir
    static Path dir;

    private static Path chromium;
    private static Path index;
    private static String html;
    private static int profiles;

    @BeforeAll
    static void renderTheDemosReport() throws Exception {
        chromium = RequiredTools.require("chromium", "chromium");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int exit = new Main(Map.of(), stream, stream)
                .execute("run", "pipelines/demo.yaml", "--out", dir.resolve("reports").toString(), "--seed", "5");
        String console = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(console).isZero();
        assertThat(console).contains("report     ");
        try (Stream<Path> walk = Files.walk(dir.resolve("reports"))) {
            index = walk.filter(p -> p.endsWith("allure-report/index.html")).findFirst().orElseThrow();
        }
        html = Files.readString(index);
    }

    @Test
    void theReportOpensFromDiskAndShowsEveryCase() throws Exception {
        String rendered = text(open("#suites"));

        assertThat(rendered).contains("Suites").contains("small / idle")
                .contains("small-idle-r1").contains("small-idle-r2").contains(AllureResults.MATRIX_SUMMARY);
    }

    @Test
    void theMatrixSummaryShowsItsTableOnItsPage() throws Exception {
        String rendered = text(open("#testresult/" + testUid(AllureResults.MATRIX_SUMMARY)));

        assertThat(rendered).contains("Description").contains("95% CI (t)").contains("throughput")
                .contains("rtt_avg").containsPattern("9\\.\\d+ Gbit/s");
    }

    @Test
    void aCasesThroughputChartOpensAsAnImageOfTheChartsSize() throws Exception {
        String uid = testUid("small-idle-r1");
        String chart = null;
        for (JsonNode attachment : reportData("data/test-cases/" + uid + ".json").at("/testStage/attachments")) {
            if (attachment.get("name").asText().equals("chart: throughput per iperf3 interval")) {
                chart = attachment.get("uid").asText();
            }
        }
        assertThat(chart).as("the chart among the test's attachments").isNotNull();

        // Allure's "open attachment in full screen" view, as a click on the row's arrows opens it
        String dom = open("#testresult/" + uid + "?attachment=" + chart);

        Matcher img = Pattern.compile("<img class=\"attachment__media\" src=\"data:image/png;base64,([^\"]+)\"")
                .matcher(dom);
        assertThat(img.find()).as("an <img> of the PNG in the page").isTrue();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(img.group(1))));
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(400);
    }

    /** The page's DOM after its scripts ran, as headless Chromium dumps it. */
    private static String open(String fragment) throws Exception {
        Path profile = dir.resolve("chromium-profile-" + profiles++);
        Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile,
                "--virtual-time-budget=15000", "--dump-dom", index.toUri() + fragment)
                .redirectError(dir.resolve(profile.getFileName() + ".log").toFile())
                .start();
        String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(browser.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return dom;
    }

    /** The single-file report embeds its data in scripts: only text outside them was rendered. */
    private static String text(String dom) {
        return dom.replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]+>", " ");
    }

    /**
     * A file of the report's data, as Allure 2.34's single-file report embeds it:
     * {@code d('data/suites.json','<base64>')}.
     */
    private static JsonNode reportData(String name) throws Exception {
        Matcher m = Pattern.compile("d\\('" + Pattern.quote(name) + "','([^']*)'\\)").matcher(html);
        assertThat(m.find()).as(name + " in the report").isTrue();
        return RunFolder.JSON.readTree(Base64.getDecoder().decode(m.group(1)));
    }

    /** The report's uid of the test named {@code name}, from the suites tree. */
    private static String testUid(String name) throws Exception {
        List<JsonNode> leaves = new ArrayList<>();
        collectLeaves(reportData("data/suites.json"), leaves);
        return leaves.stream().filter(n -> n.get("name").asText().equals(name)).findFirst().orElseThrow()
                .get("uid").asText();
    }

    private static void collectLeaves(JsonNode node, List<JsonNode> leaves) {
        if (node.has("children")) {
            node.get("children").forEach(child -> collectLeaves(child, leaves));
        } else {
            leaves.add(node);
        }
    }
}
