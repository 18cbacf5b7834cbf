package io.pvebench.measure;

import static io.pvebench.measure.CapturedOutput.all;
import static io.pvebench.measure.CapturedOutput.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.guest.ApplicationProbe;
import io.pvebench.testsupport.RequiredTools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The application probe with the real tools on 127.0.0.1: python3's http.server and
 * curl 7.88 run with the argv {@link ApplicationProbe} builds, the output parsed by
 * {@link ApplicationProbeOutput}; a pause of the VM is imitated by SIGSTOP of the server.
 */
@Tag("integration")
class ApplicationProbeRealToolsTest {

    private static final Duration PERIOD = Duration.ofMillis(10);
    private static final Map<String, String> RUN = Map.of("run", "integration");

    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aQuietServerAnswersEveryRequestOnTime() throws Exception {
        ApplicationProbe probe = startServer(30);

        Instant start = Instant.now();
        String out = curl(probe).get(30, TimeUnit.SECONDS);
        List<Sample> samples = new ApplicationProbeOutput().parse(out, PERIOD, RUN, start);

        assertThat(only(samples, "app_requests").value()).isEqualTo(30);
        assertThat(only(samples, "app_requests_failed").value()).isZero();
        assertThat(all(samples, "app_latency")).hasSize(30);
        // one period plus one answer, with room for a busy shared machine
        assertThat(only(samples, "app_gap").value()).isBetween(PERIOD.toMillis() * 1.0, 100.0);
    }

    @Test
    void aServerStoppedFor300MsMidRunShowsAsAGapCoveringTheStop() throws Exception {
        ApplicationProbe probe = startServer(80);

        Instant start = Instant.now();
        CompletableFuture<String> client = curl(probe);
        Thread.sleep(300);
        // each kill is bracketed: the server stood still at least from stopped to continuing
        // and at most from stopping to continued, whatever spawning kill cost
        Instant stopping = Instant.now();
        signal("STOP");
        Instant stopped = Instant.now();
        Thread.sleep(300);
        Instant continuing = Instant.now();
        signal("CONT");
        Instant continued = Instant.now();
        String out = client.get(30, TimeUnit.SECONDS);
        List<Sample> samples = new ApplicationProbeOutput().parse(out, PERIOD, RUN, start);

        Sample gap = only(samples, "app_gap");
        assertThat(only(samples, "app_requests").value()).isEqualTo(80);
        assertThat(only(samples, "app_requests_slow").value() + only(samples, "app_requests_failed").value())
                .isGreaterThanOrEqualTo(1);
        // No answer completes while the server is stopped, so the gap is at least the surely
        // stopped span (less 5 ms for curl's pacing overhead the rebuilt timeline leaves out).
        // It begins with the last answer before the stop, at most a period and an answer
        // (a few ms) earlier, and ends with the first answer after it, a few ms later: at most
        // the possibly stopped span plus two periods, plus 50 ms for scheduling on 2 shared cores.
        assertThat(gap.value()).isBetween(millis(stopped, continuing) - 5,
                millis(stopping, continued) + 2 * PERIOD.toMillis() + 50);
        // The rebuilt timeline starts at the instant before curl was spawned, so it runs early
        // by curl's start-up (tens of ms on a busy machine) and its pacing overhead (about
        // 0.4 ms per request before the stop): the gap's start lies before the stop, by at most
        // a period, an answer and those
        assertThat(gap.timestamp()).isBetween(stopping.minusMillis(250), stopped.plusMillis(20));
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    /** Starts the real server on a free loopback port and waits until it accepts. */
    private ApplicationProbe startServer(int count) throws Exception {
        Path python = RequiredTools.require("python3", "python3");
        RequiredTools.require("curl", "curl");
        int port = freePort();
        ApplicationProbe probe = new ApplicationProbe(port, PERIOD, count, Duration.ofSeconds(1), Duration.ofSeconds(2));
        List<String> argv = new ArrayList<>(probe.serverArgv());
        argv.set(0, python.toString());
        // loopback only: the test must not open a port on the machine's other interfaces
        argv.set(argv.indexOf("0.0.0.0"), "127.0.0.1");
        server = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return probe;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    throw new AssertionError("python3 -m http.server did not listen on " + port, notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    private static CompletableFuture<String> curl(ApplicationProbe probe) throws IOException {
        Process client = new ProcessBuilder(probe.clientArgv("127.0.0.1"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return CompletableFuture.supplyAsync(() -> {
            try {
                String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                client.waitFor();
                return out;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(server.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
