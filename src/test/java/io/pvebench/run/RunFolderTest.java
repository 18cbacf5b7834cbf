package io.pvebench.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.measure.Sample;
import io.pvebench.ssh.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    @TempDir
    Path parent;

    @Test
    void keepsStdoutAndStderrExactlyAndIndexesTheCommand() throws Exception {
        RunFolder folder = RunFolder.create(parent, "demo-1");
        CommandResult result = new CommandResult("pve1", "pvesh get /cluster/resources --output-format json", 0,
                "[{\"id\":\"node/pve1\"}]\n", "warning: something\n", Duration.ofMillis(42));

        List<Attachment> attachments = folder.saveRaw("small-idle-r1", "baseline", "pvesh get", result);

        assertThat(attachments).hasSize(2);
        assertThat(attachments.get(0).mimeType()).isEqualTo("application/json");
        assertThat(Files.readString(folder.root().resolve(attachments.get(0).file())))
                .isEqualTo("[{\"id\":\"node/pve1\"}]\n");
        assertThat(Files.readString(folder.root().resolve(attachments.get(1).file())))
                .isEqualTo("warning: something\n");
        JsonNode index = RunFolder.JSON.readTree(Files.readAllLines(folder.root().resolve("raw/commands.jsonl")).get(0));
        assertThat(index.get("command").asText()).isEqualTo("pvesh get /cluster/resources --output-format json");
        assertThat(index.get("exitCode").asInt()).isZero();
        assertThat(index.get("scope").asText()).isEqualTo("small-idle-r1");
    }

    @Test
    void appendsOneSamplePerLineWithIsoTimestamps() throws Exception {
        RunFolder folder = RunFolder.create(parent, "demo-2");
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        folder.appendSamples(List.of(new Sample("throughput", 9.41e9, "bit/s", Map.of("case", "c1"), t)));
        folder.appendSamples(List.of(new Sample("rtt_avg", 0.3, "ms", Map.of("case", "c1"), t)));

        List<String> lines = Files.readAllLines(folder.root().resolve("samples.jsonl"));
        assertThat(lines).hasSize(2);
        JsonNode first = RunFolder.JSON.readTree(lines.get(0));
        assertThat(first.get("metric").asText()).isEqualTo("throughput");
        assertThat(first.get("value").asDouble()).isEqualTo(9.41e9);
        assertThat(first.get("timestamp").asText()).isEqualTo("2026-11-25T08:00:00Z");
        assertThat(first.get("labels").get("case").asText()).isEqualTo("c1");
    }

    @Test
    void aCaseFileGoesIntoTheCasesFolderUnderASafeNameAndReplacesAnEarlierOne() throws Exception {
        RunFolder folder = RunFolder.create(parent, "demo-3");

        folder.writeCaseFile("small-idle-r1", "rtt.png", new byte[] {1});
        Path file = folder.writeCaseFile("small-idle-r1", "rtt.png", new byte[] {2, 3});
        Path odd = folder.writeCaseFile("../up/and away", "x.csv", new byte[] {4});

        assertThat(file).isEqualTo(Path.of("cases/small-idle-r1/rtt.png"));
        assertThat(Files.readAllBytes(folder.root().resolve(file))).containsExactly(2, 3);
        assertThat(odd).isEqualTo(Path.of("cases/up-and-away/x.csv"));
        try (var files = Files.list(folder.root().resolve("cases/small-idle-r1"))) {
            assertThat(files).containsExactly(folder.root().resolve(file));
        }
    }

    @Test
    void twoRunsWithTheSameIdNeverShareAFolder() {
        RunFolder first = RunFolder.create(parent, "demo-20261125-081500-0001");
        RunFolder second = RunFolder.create(parent, "demo-20261125-081500-0001");

        assertThat(first.root()).isNotEqualTo(second.root());
        assertThat(second.runId()).isEqualTo("demo-20261125-081500-0001-2");
        assertThat(second.root().resolve("raw")).isDirectory();
    }

    @Test
    void fileNamesNeverEscapeTheRunFolder() {
        assertThat(RunFolder.safe("../../etc/passwd")).isEqualTo("etc-passwd");
        assertThat(RunFolder.safe("..")).isEqualTo("x");
        assertThat(RunFolder.safe("qm guest exec 101 -- iperf3")).isEqualTo("qm-guest-exec-101-iperf3");
        assertThat(RunFolder.safe("///")).isEqualTo("x");
    }
}
