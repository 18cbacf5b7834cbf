package io.pvebench.measure;

import static io.pvebench.measure.CapturedOutput.all;
import static io.pvebench.measure.CapturedOutput.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.guest.GuestSize;
import io.pvebench.guest.LoadPlan;
import io.pvebench.pipeline.LoadProfile;
import io.pvebench.testsupport.RequiredTools;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs the real Debian tools on 127.0.0.1 now and checks the parsers accept what they print. */
@Tag("integration")
class RealToolsIntegrationTest {

    private static final Map<String, String> RUN = Map.of("run", "integration");

    @Test
    void theIperf3ParserAcceptsAFreshLoopbackRun() throws Exception {
        Path iperf3 = RequiredTools.require("iperf3", "iperf3");
        int port = freePort();
        Process server = new ProcessBuilder(iperf3.toString(), "-s", "-1", "-B", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Instant before = Instant.now().minusSeconds(1);
            List<Sample> samples = iperf3Client(iperf3, port);

            assertThat(only(samples, "throughput").value()).isBetween(1e6, 1e13);
            assertThat(only(samples, "throughput_sender").value()).isBetween(1e6, 1e13);
            assertThat(only(samples, "retransmits").value()).isGreaterThanOrEqualTo(0);
            assertThat(only(samples, "throughput").timestamp()).isBetween(before, Instant.now());
            assertThat(all(samples, "throughput_interval")).isNotEmpty();
            assertThat(samples).allSatisfy(s -> assertThat(s.labels())
                    .containsEntry("direction", "forward").containsEntry("protocol", "tcp").containsEntry("run", "integration"));
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void thePingParserAcceptsAFreshLoopbackRunWithTimestamps() throws Exception {
        Path ping = RequiredTools.require("ping", "iputils-ping");
        Instant before = Instant.now().minusSeconds(1);

        String out = run(ping.toString(), "-D", "-c", "3", "-i", "0.2", "127.0.0.1");
        List<Sample> samples = new PingOutput().parse(out, RUN, Instant.now());

        assertThat(only(samples, "packets_sent").value()).isEqualTo(3);
        assertThat(only(samples, "packets_received").value()).isEqualTo(3);
        assertThat(only(samples, "packet_loss").value()).isZero();
        assertThat(only(samples, "rtt_avg").value()).isBetween(0.0, 100.0);
        assertThat(all(samples, "rtt")).hasSize(3)
                .allSatisfy(s -> assertThat(s.timestamp()).isBetween(before, Instant.now()));
    }

    @Test
    void theFpingParserAcceptsAFreshLoopbackRun() throws Exception {
        Path fping = RequiredTools.require("fping", "fping");

        Output out = runBoth(fping.toString(), "-c", "3", "-p", "100", "127.0.0.1");
        List<Sample> samples = new FpingOutput().parse(out.stdout(), out.stderr(), RUN, Instant.now());

        assertThat(samples).filteredOn(s -> s.metric().equals("packet_loss")).singleElement()
                .satisfies(s -> assertThat(s.value()).isZero());
        assertThat(all(samples, "rtt")).hasSize(3);
    }

    @Test
    void realStressNgRunsTheLoadPvebenchBuildsAndReportsItsStressors() throws Exception {
        Path stressNg = RequiredTools.require("stress-ng", "stress-ng");
        // the heavy profile on a one-vCPU, 256 MiB guest, for two seconds
        List<String> argv = new ArrayList<>(LoadPlan.of(LoadProfile.BUILT_IN.get("heavy"),
                new GuestSize(1, 256L << 20), Duration.ofSeconds(2), 1).runs().get(0).argv());
        argv.set(0, stressNg.toString());

        Output out = runBoth(argv.toArray(String[]::new));
        List<Sample> samples = new StressNgOutput().parseMetricsBrief(out.stderr(), RUN, Instant.now());

        assertThat(all(samples, "bogo_ops")).extracting(s -> s.labels().get("stressor"))
                .containsExactly("cpu", "vm", "hdd");
        assertThat(samples).filteredOn(s -> s.metric().equals("bogo_ops") && s.labels().get("stressor").equals("vm"))
                .singleElement().satisfies(s -> assertThat(s.value()).as("memory held, not churned").isZero());
        assertThat(out.stderr()).contains("successful run completed");
    }

    @Test
    void theFioParserAcceptsAFreshRun() throws Exception {
        Path fio = RequiredTools.require("fio", "fio");
        Path file = Files.createTempFile("pvebench-fio-", ".dat");
        try {
            String json = run(fio.toString(), "--name=t", "--rw=randrw", "--size=4M", "--runtime=1", "--time_based",
                    "--ioengine=psync", "--output-format=json", "--filename=" + file);
            List<Sample> samples = new FioJson().parse(json, RUN);

            assertThat(all(samples, "iops")).extracting(s -> s.labels().get("direction"))
                    .contains("read", "write");
            assertThat(all(samples, "io_bandwidth")).allSatisfy(s -> assertThat(s.value()).isPositive());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The server may not listen yet: iperf3 then reports "Connection refused" and we try again. */
    private static List<Sample> iperf3Client(Path iperf3, int port) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            String json = run(iperf3.toString(), "-c", "127.0.0.1", "-p", Integer.toString(port), "-J", "-t", "1");
            try {
                return new Iperf3Json().parse(json, RUN);
            } catch (ToolErrorException e) {
                if (!e.toolMessage().contains("Connection refused") || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private record Output(String stdout, String stderr) {
    }

    private static String run(String... command) throws IOException, InterruptedException {
        return runBoth(command).stdout();
    }

    private static Output runBoth(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("pvebench-measure-", ".out");
        Path err = Files.createTempFile("pvebench-measure-", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(err.toFile()).redirectOutput(out.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new Output(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
