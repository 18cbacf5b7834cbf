package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.run.RunFolder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline on {@code cluster: twin} whose spec names a template runs as it is: the twin has the template. */
@Tag("sim")
class TemplatePipelineOnTwinTest {

    @TempDir
    Path out;

    @Test
    void aTemplatePipelineOnTheEmbeddedTwinClonesRunsAndRemovesItsVms() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        int exit = new Main(Map.of(), stream, stream).execute("run", "src/test/resources/pipelines/twin/clones.yaml",
                "--out", out.toString(), "--seed", "3", "--no-html");

        String console = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(console).isZero();
        Path folder;
        try (Stream<Path> runs = Files.list(out)) {
            folder = runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        JsonNode summary = RunFolder.JSON.readTree(folder.resolve("summary.json").toFile());
        assertThat(summary.get("environment").get("vmSpec.small.clones").asText())
                .startsWith("vm 100 on pve1 <- vm 101 on pve2 (template 9000, tags pvebench;pvebench-run-twin-clones-");
        assertThat(Files.readString(folder.resolve("raw/commands.jsonl")))
                .contains("qm clone 9000 100", "qm set 100", "qm start 100", "qm destroy 100 --purge",
                        "qm clone 9000 101", "qm migrate 101 pve2", "qm destroy 101 --purge");
        assertThat(console).contains("provision: cloning template 9000", "deprovision: destroyed vm 101");
    }
}
