package io.pvebench.measure;

import static io.pvebench.measure.CapturedOutput.all;
import static io.pvebench.measure.CapturedOutput.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.testsupport.RequiredTools;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

    private static String run(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("pvebench-measure-", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(out.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
