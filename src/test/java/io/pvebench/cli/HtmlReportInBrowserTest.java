package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.testsupport.RequiredTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees: the demo's report, rendered by Allure's commandline, opened from
 * disk in headless Chromium, shows the run's cases.
 */
@Tag("integration")
class HtmlReportInBrowserTest {

    @TempDir
    Path dir;

    @Test
    void theReportOpensFromDiskAndShowsEveryCase() throws Exception {
        Path chromium = RequiredTools.require("chromium", "chromium");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int exit = new Main(Map.of(), stream, stream)
                .execute("run", "pipelines/demo.yaml", "--out", dir.resolve("reports").toString(), "--seed", "5");
        String console = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(console).isZero();
        assertThat(console).contains("report     ");

        Path index;
        try (Stream<Path> walk = Files.walk(dir.resolve("reports"))) {
            index = walk.filter(p -> p.endsWith("allure-report/index.html")).findFirst().orElseThrow();
        }
        Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + dir.resolve("chromium-profile"),
                "--virtual-time-budget=15000", "--dump-dom", index.toUri() + "#suites")
                .redirectError(dir.resolve("chromium.log").toFile())
                .start();
        String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(browser.waitFor(120, TimeUnit.SECONDS)).isTrue();

        // the single-file report embeds its data in scripts: only text outside them was rendered
        String rendered = dom.replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]+>", " ");
        assertThat(rendered).contains("Suites").contains("small / idle")
                .contains("small-idle-r1").contains("small-idle-r2");
    }
}
