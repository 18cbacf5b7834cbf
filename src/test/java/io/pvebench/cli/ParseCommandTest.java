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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pvebench parse}: raw captured outputs in, samples.jsonl-shaped lines out. */
class ParseCommandTest {

    private static final String OUTPUTS = "src/test/resources/outputs/";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                nodes.add(RunFolder.JSON.readTree(line));
            }
        }
        return nodes;
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void iperf3ReportGivesOneJsonSampleALineWithTheGivenLabels() throws Exception {
        int exit = new Main(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute("parse", "iperf3", OUTPUTS + "iperf3/tcp-t3.json", "--label", "run=r9", "--label", "node=pve2");

        assertThat(exit).isZero();
        assertThat(stderr()).isEmpty();
        List<JsonNode> samples = lines();
        assertThat(samples).hasSize(6);
        JsonNode first = samples.get(0);
        assertThat(first.path("metric").asText()).isEqualTo("throughput");
        assertThat(first.path("value").asDouble()).isEqualTo(32240445726.6556);
        assertThat(first.path("unit").asText()).isEqualTo("bit/s");
        assertThat(first.path("timestamp").asText()).isEqualTo("2026-11-25T08:16:46Z");
        assertThat(first.path("labels").path("run").asText()).isEqualTo("r9");
        assertThat(first.path("labels").path("node").asText()).isEqualTo("pve2");
        assertThat(first.path("labels").path("direction").asText()).isEqualTo("forward");
        assertThat(samples).extracting(n -> n.path("metric").asText()).containsExactly(
                "throughput", "throughput_sender", "retransmits",
                "throughput_interval", "throughput_interval", "throughput_interval");
    }

    @Test
    void theReadmeFormWithoutLabelsWorks() throws Exception {
        int exit = new Main(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute("parse", "iperf3", "src/test/resources/outputs/iperf3/tcp-t3.json");

        assertThat(exit).isZero();
        assertThat(lines()).allSatisfy(n -> assertThat(n.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("metric", "value", "unit", "labels", "timestamp"));
    }

    @Test
    void fpingTakesItsStderrSeparately() throws Exception {
        int exit = run("parse", "fping", OUTPUTS + "fping/loss-c30.txt",
                "--stderr", OUTPUTS + "fping/loss-c30.stderr.txt");

        assertThat(exit).isZero();
        List<JsonNode> samples = lines();
        assertThat(samples.get(2).path("metric").asText()).isEqualTo("packet_loss");
        assertThat(samples.get(2).path("value").asDouble()).isEqualTo(40.0);
        assertThat(samples).filteredOn(n -> n.path("metric").asText().equals("rtt")).hasSize(18);
    }

    @Test
    void appProbePlacesTheRequestsFromStartAtThePeriod() throws Exception {
        int exit = run("parse", "app-probe", OUTPUTS + "curl/stall-300ms-100ps-60.txt", "--period", "10",
                "--start", "2026-11-25T13:28:43.500Z");

        assertThat(exit).isZero();
        List<JsonNode> samples = lines();
        assertThat(samples).filteredOn(n -> n.path("metric").asText().equals("app_latency")).hasSize(60);
        assertThat(samples).filteredOn(n -> n.path("metric").asText().equals("app_gap")).singleElement()
                .satisfies(n -> assertThat(n.path("value").asDouble()).isBetween(308.0, 309.0));
    }

    @Test
    void appProbeWithoutAPeriodIsRefused() throws Exception {
        assertThat(run("parse", "app-probe", OUTPUTS + "curl/ok-100ps-20.txt")).isEqualTo(2);
        assertThat(stderr()).contains("app-probe needs --period");
    }

    @Test
    void stressNgReadsEitherItsStderrOrItsYaml() throws Exception {
        assertThat(run("parse", "stress-ng", OUTPUTS + "stress-ng/cpu1-t3-metrics-brief.stderr.txt")).isZero();
        assertThat(lines()).extracting(n -> n.path("value").asDouble()).containsExactly(6485.0, 2161.53, 2161.66);
        out.reset();
        assertThat(run("parse", "stress-ng", OUTPUTS + "stress-ng/cpu1-t3.yaml")).isZero();
        assertThat(lines()).extracting(n -> n.path("value").asDouble())
                .containsExactly(6388.0, 2128.527454, 2197.469539);
    }

    @Test
    void fioAndPveshResources() throws Exception {
        assertThat(run("parse", "fio", OUTPUTS + "fio/randrw-psync-16M-t3.json")).isZero();
        assertThat(lines()).hasSize(8);
        out.reset();
        assertThat(run("parse", "pvesh-resources",
                OUTPUTS + "proxmox/cluster-resources/pve4-one-node-lxc-storage.json")).isZero();
        assertThat(lines()).hasSize(8);
    }

    @Test
    void anUnknownToolIsExitTwoWithTheListOfTools() {
        assertThat(run("parse", "netperf", OUTPUTS + "iperf3/tcp-t3.json")).isEqualTo(2);
        assertThat(stderr()).contains("unknown tool 'netperf'")
                .contains("iperf3, ping, fping, stress-ng, fio, pvesh-resources")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aMissingFileIsExitTwo() {
        assertThat(run("parse", "ping", "no/such/file.txt")).isEqualTo(2);
        assertThat(stderr()).contains("no/such/file.txt: no such file").doesNotContain("\tat ");
    }

    @Test
    void outputTheParserCannotReadIsExitTwoNamingFileAndProblem(@TempDir Path tmp) throws Exception {
        Path cut = tmp.resolve("cut.json");
        String full = Files.readString(Path.of(OUTPUTS + "iperf3/tcp-t3.json"));
        Files.writeString(cut, full.substring(0, full.length() / 2));

        assertThat(run("parse", "iperf3", cut.toString())).isEqualTo(2);
        assertThat(stderr()).contains(cut + ": iperf3 output: not valid JSON").doesNotContain("\tat ");
        err.reset();
        assertThat(run("parse", "ping", OUTPUTS + "iperf3/tcp-t3.json")).isEqualTo(2);
        assertThat(stderr()).contains("ping output: no statistics block");
    }

    @Test
    void aToolsOwnErrorIsExitTwoWithItsWords() {
        assertThat(run("parse", "iperf3", OUTPUTS + "iperf3/error-no-server.json")).isEqualTo(2);
        assertThat(stderr()).contains("iperf3 reported an error:").doesNotContain("\tat ");
    }

    @Test
    void stderrIsRefusedForToolsThatDoNotTakeIt() {
        assertThat(run("parse", "fio", OUTPUTS + "fio/randrw-psync-16M-t3.json",
                "--stderr", OUTPUTS + "fping/c10.stderr.txt")).isEqualTo(2);
        assertThat(stderr()).contains("--stderr applies to fping and stress-ng only");
    }

    @Test
    void aMigrationTaskLogGivesItsSamplesAndASummaryLine() throws Exception {
        int exit = run("parse", "qm-migrate", OUTPUTS + "proxmox/migration/pve8-online-ha-dedicated-net.log",
                "--tz", "Europe/Vienna", "--label", "run=r9");

        assertThat(exit).isZero();
        assertThat(stderr()).isEqualTo("qm-migrate: SUCCESS, VM 105 to pve1, duration 18 s, downtime 73 ms,"
                + " average speed 457 MiB/s" + System.lineSeparator());
        List<JsonNode> samples = lines();
        assertThat(samples).hasSize(22);
        JsonNode first = samples.get(0);
        assertThat(first.path("metric").asText()).isEqualTo("migration_duration");
        assertThat(first.path("value").asDouble()).isEqualTo(18000);
        assertThat(first.path("unit").asText()).isEqualTo("ms");
        assertThat(first.path("timestamp").asText()).isEqualTo("2025-01-03T23:34:42Z");
        assertThat(first.path("labels").path("run").asText()).isEqualTo("r9");
        assertThat(first.path("labels").path("vmid").asText()).isEqualTo("105");
    }

    @Test
    void anAbortedMigrationIsOutputNotAnError() throws Exception {
        int exit = run("parse", "qm-migrate", OUTPUTS + "proxmox/migration/pve8-failed-ssh-hostkey-aborted.log");

        assertThat(exit).isZero();
        assertThat(stderr()).startsWith("qm-migrate: ABORTED (Can't connect to destination address using public key),"
                + " duration 0 s");
        assertThat(lines()).extracting(n -> n.path("metric").asText())
                .containsExactly("migration_duration", "migration_failed");
    }

    @Test
    void aLogThatIsNotAMigrationOrAnUnknownZoneIsExitTwo() {
        assertThat(run("parse", "qm-migrate", OUTPUTS + "proxmox/migration/pve4-online-iscsi-xbzrle.log")).isEqualTo(2);
        assertThat(stderr()).contains("PVE 4 timestamps").doesNotContain("\tat ");

        assertThat(run("parse", "qm-migrate", OUTPUTS + "proxmox/migration/pve8-failed-ssh-hostkey-aborted.log",
                "--tz", "Mars/Olympus")).isEqualTo(2);
        assertThat(stderr()).contains("unknown time zone 'Mars/Olympus'");

        assertThat(run("parse", "ping", OUTPUTS + "ping/c10.txt", "--tz", "UTC")).isEqualTo(2);
        assertThat(stderr()).contains("--tz applies to qm-migrate only");
    }
}
