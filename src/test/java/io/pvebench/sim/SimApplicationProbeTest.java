package io.pvebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pvebench.guest.ApplicationProbe;
import io.pvebench.measure.ApplicationProbeOutput;
import io.pvebench.measure.Sample;
import io.pvebench.sim.model.MigrationRecord;
import io.pvebench.ssh.ShellQuote;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The application probe on the twin: python's http.server in one guest, curl in another
 * ({@code sim/command/Python3}, {@code Curl}), and what a live migration of the server's
 * guest does to the requests.
 */
class SimApplicationProbeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PERIOD = Duration.ofMillis(10);
    private SimCluster cluster;
    private SshClient ssh;

    private void start(double timeScale) {
        List<SimVmSpec> vms = List.of(new SimVmSpec(100, "vm100", "pve1", 4, 4L << 30, 32L << 30, "ceph"),
                new SimVmSpec(101, "vm101", "pve2", 4, 4L << 30, 32L << 30, "ceph"));
        cluster = SimCluster.start(new SimSpec("sim", "9.2", 2, 7, timeScale, vms, "root", "sim", List.of()));
        ssh = new SshClient(cluster);
    }

    @AfterEach
    void stopTwin() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private long startAsync(String node, int vmid, List<String> argv) throws Exception {
        SshClient.Result r = ssh.run(node, "qm guest exec " + vmid + " --synchronous 0 -- " + ShellQuote.command(argv));
        assertThat(r.exitStatus()).as(r.stderr()).isZero();
        return JSON.readTree(r.stdout()).get("pid").asLong();
    }

    private JsonNode exec(String node, int vmid, List<String> argv) throws Exception {
        SshClient.Result r = ssh.run(node, "qm guest exec " + vmid + " -- " + ShellQuote.command(argv));
        assertThat(r.exitStatus()).as(r.stderr()).isZero();
        return JSON.readTree(r.stdout());
    }

    private JsonNode awaitExit(String node, int vmid, long pid) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode status = JSON.readTree(ssh.run(node, "qm guest exec-status " + vmid + " " + pid).stdout());
            if (status.get("exited").asInt() == 1) {
                return status;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("pid " + pid + " did not end");
    }

    private String serverIp() {
        return cluster.model().vm(100).orElseThrow().ip();
    }

    @Test
    void aQuietServerAnswersEveryRequestAndDiesByKill() throws Exception {
        start(10);
        ApplicationProbe probe = new ApplicationProbe(8080, PERIOD, 50, Duration.ofSeconds(2), Duration.ofSeconds(3));
        long server = startAsync("pve1", 100, probe.serverArgv());

        JsonNode client = exec("pve2", 101, probe.clientArgv(serverIp()));

        assertThat(client.get("exitcode").asInt()).isZero();
        String out = client.get("out-data").asText();
        assertThat(out.split("\n")).hasSize(50)
                .allMatch(l -> l.matches("200 0 0\\.000[0-9]{3} 0\\.00[0-9]{4} "));
        List<Sample> samples = new ApplicationProbeOutput().parse(out, PERIOD, Map.of(), Instant.EPOCH);
        assertThat(value(samples, "app_requests_failed")).isZero();
        assertThat(value(samples, "app_gap")).isBetween(10.0, 13.0);

        assertThat(exec("pve1", 100, List.of("kill", Long.toString(server))).get("exitcode").asInt()).isZero();
        JsonNode killed = awaitExit("pve1", 100, server);
        assertThat(killed.get("signal").asInt()).isEqualTo(15);
        JsonNode refused = exec("pve2", 101, new ApplicationProbe(8080, PERIOD, 2, Duration.ofSeconds(2),
                Duration.ofSeconds(3)).clientArgv(serverIp()));
        assertThat(refused.get("exitcode").asInt()).isEqualTo(7);
        assertThat(refused.get("out-data").asText()).startsWith("000 7 0.000000 0.000")
                .contains(" Failed to connect to " + serverIp() + " port 8080 after 0 ms: Couldn't connect to server\n");
    }

    @Test
    void aLiveMigrationOfTheServerMakesAGapOfAtLeastItsDowntime() throws Exception {
        start(40);
        ApplicationProbe probe = new ApplicationProbe(8080, PERIOD, 6000, Duration.ofSeconds(2), Duration.ofSeconds(3));
        startAsync("pve1", 100, probe.serverArgv());
        Instant clientStart = cluster.model().clock().now();
        long client = startAsync("pve2", 101, probe.clientArgv(serverIp()));

        SshClient.Result migration = ssh.run("pve1", "qm migrate 100 pve2 --online");
        assertThat(migration.exitStatus()).as(migration.stderr()).isZero();
        MigrationRecord m = cluster.model().lastMigration(100).orElseThrow();
        String out = awaitExit("pve2", 101, client).get("out-data").asText();

        // the switch-over fell inside the client's 60 model seconds
        assertThat(m.switchover()).isBetween(clientStart, clientStart.plusSeconds(55));
        List<Sample> samples = new ApplicationProbeOutput().parse(out, PERIOD, Map.of(), clientStart);
        double gap = value(samples, "app_gap");
        assertThat(gap).isGreaterThanOrEqualTo(m.downtime().toMillis());
        assertThat(value(samples, "app_requests_slow") + value(samples, "app_requests_failed")).isPositive();
        // the request that met the pause: a lost SYN waits for its retransmission after 1 s,
        // lost data on an open connection for the 200 ms RTO (then 400 ms ...)
        String stalled = List.of(out.split("\n")).stream().filter(l -> !l.matches("200 0 \\S+ 0\\.0[0-4]\\d{4} ?"))
                .findFirst().orElseThrow();
        String[] f = stalled.split(" ");
        double connectMs = Double.parseDouble(f[2]) * 1000;
        double totalMs = Double.parseDouble(f[3]) * 1000;
        if (connectMs >= 1000) {
            assertThat(connectMs).isBetween(1000.0, 1010.0);
            assertThat(gap).isBetween(1000.0, 1000.0 + m.downtime().toMillis() + 30);
        } else {
            assertThat(totalMs - connectMs).isBetween(200.0, 200.0 + m.downtime().toMillis() + 30);
        }
    }

    @Test
    void pythonAndCurlRefuseWhatTheyDoNotKnowInTheirOwnWords() throws Exception {
        start(10);
        JsonNode python = exec("pve1", 100, List.of("python3", "-m", "http.server", "--bogus"));
        assertThat(python.get("exitcode").asInt()).isEqualTo(2);
        assertThat(python.get("err-data").asText()).isEqualTo(
                "usage: server.py [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]\n"
                        + "server.py: error: unrecognized arguments: --bogus\n");
        assertThat(exec("pve1", 100, List.of("python3", "-m", "foo")).get("err-data").asText())
                .isEqualTo("/usr/bin/python3: No module named foo\n");
        JsonNode curl = exec("pve1", 100, List.of("curl", "--bogus", "http://10.10.0.1/"));
        assertThat(curl.get("exitcode").asInt()).isEqualTo(2);
        assertThat(curl.get("err-data").asText()).isEqualTo("curl: option --bogus: is unknown\n"
                + "curl: try 'curl --help' or 'curl --manual' for more information\n");
        assertThat(exec("pve1", 100, List.of("curl", "-s", "--rate", "0/s", "http://10.10.0.1/"))
                .get("err-data").asText()).startsWith("curl: option --rate: is badly used here\n");
    }

    @Test
    void anAddressNoGuestHasTimesOutAtTheConnectTimeout() throws Exception {
        start(10);
        JsonNode curl = exec("pve2", 101, new ApplicationProbe(8080, Duration.ofMillis(100), 2,
                Duration.ofMillis(200), Duration.ofMillis(300)).clientArgv("10.10.250.250"));

        assertThat(curl.get("exitcode").asInt()).isEqualTo(28);
        assertThat(curl.get("out-data").asText().split("\n")).hasSize(2).allMatch(l -> l.matches(
                "000 28 0\\.000000 0\\.200\\d{3} Failed to connect to 10\\.10\\.250\\.250 port 8080 after 200 ms:"
                        + " Timeout was reached"));
    }

    @Test
    void theSameSeedGivesTheSameRequests() throws Exception {
        String[] outs = new String[2];
        for (int k = 0; k < 2; k++) {
            start(10);
            ApplicationProbe probe = new ApplicationProbe(8080, PERIOD, 20, Duration.ofSeconds(2), Duration.ofSeconds(3));
            startAsync("pve1", 100, probe.serverArgv());
            outs[k] = exec("pve2", 101, probe.clientArgv(serverIp())).get("out-data").asText();
            cluster.close();
            cluster = null;
        }
        assertThat(outs[1]).isEqualTo(outs[0]);
    }

    private static double value(List<Sample> samples, String metric) {
        return samples.stream().filter(s -> s.metric().equals(metric)).findFirst().orElseThrow().value();
    }
}
