package io.pvebench.sim.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.sim.model.LiveMigration;
import io.pvebench.sim.model.MigrationRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** curl 7.88 and python's http.server in the twin, against the captures in outputs/curl/. */
class CurlTest {

    private static final String FORMAT = "%{http_code} %{exitcode} %{time_connect} %{time_total} %{errormsg}\\n";
    private final GuestTwin twin = new GuestTwin(11);

    private String ip100() {
        return twin.model.vm(100).orElseThrow().ip();
    }

    private GuestRun server() {
        GuestRun server = twin.exec(100, "python3", "-m", "http.server", "8080", "--bind", "0.0.0.0", "--directory", "/tmp");
        assertThat(server.duration()).as("runs until killed").isNull();
        return server;
    }

    private GuestRun curl(String rate, String connect, String max, int count, int port) {
        return twin.exec(101, "curl", "-q", "-s", "-o", "/dev/null", "--rate", rate, "--connect-timeout", connect,
                "--max-time", max, "-w", FORMAT, "http://" + ip100() + ":" + port + "/?[1-" + count + "]");
    }

    private static void assertLinesShaped(String actual, String captured, String ip, int port) {
        List<String> c = GuestTwin.lines(captured.replace("127.0.0.1", ip).replace("port 25302", "port " + port));
        List<String> a = GuestTwin.lines(actual);
        assertThat(a).hasSameSizeAs(c);
        for (int i = 0; i < c.size(); i++) {
            assertThat(a.get(i)).as("line %d", i + 1).matches(GuestTwin.shape(c.get(i)));
        }
    }

    @Test
    void answeredRequestsLookLikeTheRealOnes() throws Exception {
        server();
        Reply r = curl("100/s", "1", "2", 20, 8080).reply();

        assertThat(r.exitCode()).isZero();
        assertLinesShaped(r.stdout(), GuestTwin.capture("/outputs/curl/ok-100ps-20.txt"), ip100(), 8080);
    }

    @Test
    void aPortNobodyListensOnRefusesLikeTheRealOne() throws Exception {
        server();
        Reply r = curl("100/s", "1", "2", 3, 8081).reply();

        assertThat(r.exitCode()).isEqualTo(7);
        assertLinesShaped(r.stdout(), GuestTwin.capture("/outputs/curl/refused-100ps-3.txt"), ip100(), 8081);
    }

    @Test
    void theServerStopsListeningWhenItEnds() {
        GuestRun server = server();
        server.onEnd().run();

        assertThat(curl("100/s", "1", "2", 1, 8080).reply().stdout()).startsWith("000 7 ");
    }

    @Test
    void aSecondServerOnTheSamePortFailsAsPythonDoes() {
        server();
        Reply again = twin.run(100, "python3", "-m", "http.server", "8080");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).startsWith("Traceback (most recent call last):\n")
                .endsWith("OSError: [Errno 98] Address already in use\n");
    }

    @Test
    void aPauseBegunAfterCurlStartedHoldsAnAnswerForTheDataRetransmission() {
        server();
        // 40 ms between the nodes, so the pause can fall between a connect and its answer
        twin.model.setExtraLatency("pve1", Duration.ofMillis(20));
        twin.model.setExtraLatency("pve2", Duration.ofMillis(20));
        Instant curlStart = twin.clock.instant();
        GuestRun run = curl("10/s", "2", "3", 6, 8080);
        // recorded after curl started: the output is worked out later, so it must see it
        LiveMigration.Plan plan = LiveMigration.plan(new LiveMigration.Params(4L << 30, 1L << 30,
                50.0 * (1 << 20), 450.0 * (1 << 20), 100), new Random(1));
        Instant switchover = curlStart.plusMillis(245);
        twin.model.recordMigration(new MigrationRecord(100, "pve1", "pve2", switchover.minus(plan.switchover()),
                450.0 * (1 << 20), plan));

        String[] third = run.reply().stdout().split("\n")[2].split(" ");

        assertThat(third[0]).isEqualTo("200");
        double connectMs = Double.parseDouble(third[2]) * 1000;
        double totalMs = Double.parseDouble(third[3]) * 1000;
        // connected before the pause; the answer, due in it, came with the resend 200 ms later
        assertThat(connectMs).isBetween(30.0, 50.0);
        assertThat(totalMs - connectMs).isGreaterThan(200);
    }

    @Test
    void aPauseBegunAfterCurlStartedLosesASynThatIsResentAfterOneSecond() {
        server();
        Instant curlStart = twin.clock.instant();
        GuestRun run = curl("10/s", "2", "3", 6, 8080);
        LiveMigration.Plan plan = LiveMigration.plan(new LiveMigration.Params(4L << 30, 1L << 30,
                50.0 * (1 << 20), 450.0 * (1 << 20), 100), new Random(1));
        // the pause begins just before the third request's SYN
        Instant switchover = curlStart.plusMillis(199);
        twin.model.recordMigration(new MigrationRecord(100, "pve1", "pve2", switchover.minus(plan.switchover()),
                450.0 * (1 << 20), plan));

        String[] third = run.reply().stdout().split("\n")[2].split(" ");

        assertThat(third[0]).isEqualTo("200");
        assertThat(Double.parseDouble(third[2])).isBetween(1.0, 1.01);
    }
}
