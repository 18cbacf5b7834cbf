package io.pvebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Behaviour, not speed: a tiny twin benchmark runs end to end and prints sane figures. */
@Tag("sim")
class TwinBenchmarkTest {

    @Test
    void aTinyTwinBenchmarkMeasuresEveryCommandAndPrintsItsTable() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        TwinBenchmark.Result result = new TwinBenchmark(new TwinBenchmark.Options(2, 6, 1, 5, 1)).run(out);

        assertThat(result.startTime()).isPositive();
        assertThat(result.heapAfterBytes()).isPositive();
        assertThat(result.resourceEntries()).as("2 nodes + 6 VMs + storage entries").isGreaterThanOrEqualTo(8);
        assertThat(result.lastVmAddress()).matches("10\\.10\\.10\\.\\d+");
        assertThat(result.commands()).extracting(TwinBenchmark.CommandFigures::label).containsExactly(
                "true (SSH floor)", "pvesh get /cluster/resources", "qm list", "pvecm status", "qm guest exec ping -c 1");
        for (TwinBenchmark.CommandFigures c : result.commands()) {
            assertThat(c.latency().count()).isEqualTo(5);
            assertThat(c.latency().minNanos()).isPositive();
            assertThat(c.latency().p50Nanos()).isLessThanOrEqualTo(c.latency().p99Nanos());
        }
        assertThat(result.commands().subList(1, 5)).allSatisfy(c -> assertThat(c.outputBytes()).isPositive());
        assertThat(result.commands().get(4).example()).matches("qm guest exec 100 -- ping -c 1 10\\.10\\.10\\.\\d+");

        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("cores", "java:", "openssh:", "load average at start")
                .contains("p50 ms", "p99 ms", "pvecm status")
                .containsPattern("/cluster/resources: \\d+ entries, \\d+ bytes of JSON")
                .doesNotContain("NOT a valid IPv4");
    }
}
