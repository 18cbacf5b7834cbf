package io.pvebench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hard reset from a node's shell and the Java fault API of {@link SimCluster}. */
class SimNodeFaultTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private SimCluster cluster;
    private SshClient ssh;

    private void start(SimSpec spec) {
        cluster = SimCluster.start(spec);
        ssh = new SshClient(cluster);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private SshClient.Result async(Session session, String command) throws Exception {
        CompletableFuture<SshClient.Result> running = CompletableFuture.supplyAsync(() -> {
            try {
                return SshClient.exec(session, command);
            } catch (Exception e) {
                return new SshClient.Result("", e.toString(), -2);
            }
        });
        return running.get(10, TimeUnit.SECONDS);
    }

    @Test
    void sysrqResetDropsTheSessionAndTheNodeBootsAfterTheBootTime() throws Exception {
        // 400 model seconds of boot at 200x: 2 s of wall time
        start(SimSpec.defaults(3, 7).withTimeScale(200).withBootTime(Duration.ofSeconds(400)));
        Session session = ssh.open("pve1");
        SshClient.Result reset = async(session, "sh -c 'echo b > /proc/sysrq-trigger'");
        assertThat(reset.exitStatus()).isEqualTo(-1);
        session.disconnect();
        assertThat(ssh.run("pve2", "pvecm status").stdout()).contains("Nodes:            2\n");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        SshClient.Result back = null;
        while (System.nanoTime() < deadline) {
            try {
                back = ssh.run("pve1", "pvecm status");
                break;
            } catch (JSchException e) {
                Thread.sleep(50);
            }
        }
        assertThat(back).isNotNull();
        assertThat(back.stdout()).contains("Nodes:            3\n", "Quorate:          Yes\n");
        JsonNode nodes = JSON.readTree(ssh.run("pve2", "pvesh get /cluster/resources --type node --output-format json")
                .stdout());
        assertThat(nodes.get(0).get("status").asText()).isEqualTo("online");
        assertThat(nodes.get(0).get("uptime").asLong()).isLessThan(5_000);
        String rejoined = ssh.run("pve1", "journalctl -u corosync -o cat -n 5").stdout();
        assertThat(rejoined.replaceFirst("\\(1\\.[0-9a-f]+\\)", "(1.X)")).isEqualTo(
                "  [TOTEM ] A new membership (1.X) was formed. Members joined: 1 2 3\n"
                        + "  [QUORUM] This node is within the primary component and will provide service.\n"
                        + "  [QUORUM] Members[3]: 1 2 3\n"
                        + "  [MAIN  ] Completed service synchronization, ready to provide service.\n"
                        + "Started corosync.service - Corosync Cluster Engine.\n");
    }

    @Test
    void nodeWithoutBootTimeStaysDownUntilRecovered() throws Exception {
        start(SimSpec.defaults(2, 7).withTimeScale(1000).withBootTime(null));
        Session session = ssh.open("pve2");
        assertThat(async(session, "bash -c 'echo b >/proc/sysrq-trigger'").exitStatus()).isEqualTo(-1);
        session.disconnect();
        Thread.sleep(300); // 300 model seconds
        assertThatThrownBy(() -> ssh.open("pve2")).isInstanceOf(JSchException.class);
        cluster.recoverNode("pve2");
        assertThat(ssh.run("pve2", "hostname").stdout()).isEqualTo("pve2\n");
        assertThat(ssh.run("pve1", "pvecm status").exitStatus()).isZero();
    }

    @Test
    void failedNodeComesBackWithRecoverNode() throws Exception {
        start(SimSpec.defaults(2, 7));
        cluster.failNode("pve2");
        assertThat(ssh.run("pve1", "pvecm status").exitStatus()).isEqualTo(2);
        cluster.recoverNode("pve2");
        assertThat(ssh.run("pve1", "pvecm status").exitStatus()).isZero();
        assertThat(ssh.run("pve2", "systemctl is-active corosync pve-cluster pve-ha-lrm pve-ha-crm").stdout())
                .isEqualTo("active\nactive\nactive\nactive\n");
    }

    @Test
    void dropSessionsEndsOpenCommandsButAcceptsNewSessions() throws Exception {
        start(SimSpec.defaults(2, 7));
        Session session = ssh.open("pve1");
        CompletableFuture<SshClient.Result> sleeping = CompletableFuture.supplyAsync(() -> {
            try {
                return SshClient.exec(session, "sleep 60");
            } catch (Exception e) {
                return new SshClient.Result("", e.toString(), -2);
            }
        });
        Thread.sleep(300);
        cluster.dropSessions("pve1");
        assertThat(sleeping.get(10, TimeUnit.SECONDS).exitStatus()).isEqualTo(-1);
        assertThat(ssh.run("pve1", "hostname").stdout()).isEqualTo("pve1\n");
    }

    @Test
    void failCommandsAnswersMatchingCommandsUntilCleared() throws Exception {
        start(SimSpec.defaults(2, 7));
        cluster.failCommands("pve1", "pvesh get /cluster/resources", 255, "500 Internal Server Error\n");
        SshClient.Result failed = ssh.run("pve1", "pvesh get /cluster/resources --output-format json");
        assertThat(failed.exitStatus()).isEqualTo(255);
        assertThat(failed.stderr()).isEqualTo("500 Internal Server Error\n");
        assertThat(failed.stdout()).isEmpty();
        assertThat(ssh.run("pve1", "pvesh get /cluster/status --output-format json").exitStatus()).isZero();
        assertThat(ssh.run("pve2", "pvesh get /cluster/resources --output-format json").exitStatus()).isZero();
        cluster.clearFaults("pve1");
        assertThat(ssh.run("pve1", "pvesh get /cluster/resources --output-format json").exitStatus()).isZero();
    }

    @Test
    void slowCommandsDelayEveryCommandOnThatNode() throws Exception {
        start(SimSpec.defaults(2, 7));
        cluster.slowCommands("pve1", Duration.ofMillis(1500));
        long t0 = System.nanoTime();
        assertThat(ssh.run("pve1", "hostname").stdout()).isEqualTo("pve1\n");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        cluster.clearFaults("pve1");
        long t1 = System.nanoTime();
        ssh.run("pve1", "hostname");
        assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void extraLatencyShowsInGuestRoundTrips() throws Exception {
        start(SimSpec.defaults(2, 7).withTimeScale(100));
        cluster.setExtraLatency("pve2", Duration.ofMillis(20));
        JsonNode exec = JSON.readTree(ssh.run("pve1", "qm guest exec 100 -- ping -c 5 -i 0.2 10.10.10.102").stdout());
        String out = exec.get("out-data").asText();
        assertThat(out.lines().filter(l -> l.startsWith("64 bytes")).map(l -> l.replaceAll(".*time=([0-9.]+) ms", "$1"))
                .mapToDouble(Double::parseDouble)).allMatch(ms -> ms >= 20.0);
        cluster.clearFaults("pve2");
        JsonNode healed = JSON.readTree(ssh.run("pve1", "qm guest exec 100 -- ping -c 5 -i 0.2 10.10.10.102").stdout());
        assertThat(healed.get("out-data").asText().lines().filter(l -> l.startsWith("64 bytes"))
                .map(l -> l.replaceAll(".*time=([0-9.]+) ms", "$1")).mapToDouble(Double::parseDouble))
                .allMatch(ms -> ms < 20.0);
    }
}
