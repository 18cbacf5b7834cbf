package io.pvebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.testsupport.RequiredTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour, not speed: a tiny fan-out runs all four ways against OpenSSH's real client. */
@Tag("integration")
class SshFanOutBenchmarkTest {

    @BeforeAll
    static void needsOpenSshClient() {
        RequiredTools.require("ssh", "openssh-client");
        RequiredTools.require("ssh-keygen", "openssh-client");
    }

    @Test
    void aTinyFanOutMeasuresJschAndOpenSshColdAndWarm() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        SshFanOutBenchmark.Result result = new SshFanOutBenchmark(
                new SshFanOutBenchmark.Options(List.of(2), 2, 1, "hostname", 1, "curve25519-sha256")).run(out);

        Map<SshFanOutBenchmark.Way, SshFanOutBenchmark.Figures> figures = result.rounds().get(2);
        assertThat(figures).containsOnlyKeys(SshFanOutBenchmark.Way.values());
        figures.values().forEach(f -> {
            LatencySummary rounds = f.rounds().orElseThrow();
            assertThat(rounds.count() + f.failures().size()).isGreaterThanOrEqualTo(2);
            assertThat(rounds.minNanos()).isPositive();
        });
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("N = 2 nodes", "JSch cold", "JSch warm", "OpenSSH cold", "ControlMaster",
                "failed", "median ms", "p90 ms", "OpenSSH curve25519-sha256", "JSch warm / ControlMaster",
                "JSch cold / plain ssh", "openssh: OpenSSH");
    }

    @Test
    void widthsAboveOneTwinSpanSeveralTwinsWithDistinctNames(@TempDir Path dir) {
        ClientKey key = ClientKey.generate(dir);
        try (TwinFleet fleet = TwinFleet.start(33, 1, key.publicKey())) {
            assertThat(fleet.hosts()).hasSize(33);
            assertThat(fleet.hosts().get(32).name()).isEqualTo("pve33");
            assertThat(fleet.knownHosts().lines()).hasSize(33);
        }
    }
}
