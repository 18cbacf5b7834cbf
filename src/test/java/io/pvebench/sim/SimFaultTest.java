package io.pvebench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SimCluster#failNode(String)} and link loss as the rest of the cluster and an SSH client see them. */
class SimFaultTest {

    /** iputils' loss percentage, written out independently of the twin's code. */
    static final class IputilsLoss {
        static String loss(long sent, long received) {
            String text = String.format(java.util.Locale.ROOT, "%.6g", (double) (float) ((sent - received) * 100.0 / sent));
            return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private SimCluster cluster;
    private SshClient ssh;

    @BeforeEach
    void startTwin() {
        cluster = SimCluster.start(SimSpec.defaults(2, 7));
        ssh = new SshClient(cluster);
    }

    @AfterEach
    void stopTwin() {
        cluster.close();
    }

    @Test
    void failedNodeDropsOpenChannelsAndRefusesNewSessions() throws Exception {
        Session session = ssh.open("pve1");
        CompletableFuture<SshClient.Result> longRunning = CompletableFuture.supplyAsync(() -> {
            try {
                return SshClient.exec(session, "sleep 60");
            } catch (Exception e) {
                return new SshClient.Result("", e.toString(), -2);
            }
        });
        Thread.sleep(300);
        cluster.failNode("pve1");
        SshClient.Result dropped = longRunning.get(10, TimeUnit.SECONDS);
        assertThat(dropped.exitStatus()).isEqualTo(-1);
        session.disconnect();
        assertThatThrownBy(() -> ssh.open("pve1")).isInstanceOf(JSchException.class);
    }

    @Test
    void survivorOfATwoNodeClusterLosesQuorum() throws Exception {
        cluster.failNode("pve1");
        SshClient.Result status = ssh.run("pve2", "pvecm status");
        assertThat(status.exitStatus()).isEqualTo(2);
        assertThat(status.stdout()).contains("Nodes:            1\n", "Quorate:          No\n",
                "Expected votes:   2\n", "Total votes:      1\n", "Quorum:           2 Activity blocked\n",
                "Flags:            \n", "0x00000002          1 10.0.99.12 (local)\n")
                .doesNotContain("10.0.99.11");
        // lines as in the real non-quorate sample, minus its trailing-blank trimming
        String sample = SimClusterTest.resource("proxmox/pve4-2node-nonquorate-activity-blocked.txt");
        assertThat(sample).contains("Quorum:           2 Activity blocked\n", "Quorate:          No\n");

        JsonNode clusterStatus = JSON.readTree(ssh.run("pve2", "pvesh get /cluster/status --output-format json")
                .stdout());
        assertThat(clusterStatus.get(0).get("quorate").asInt()).isZero();
        assertThat(clusterStatus.get(1).get("online").asInt()).isZero();

        JsonNode resources = JSON.readTree(ssh.run("pve2", "pvesh get /cluster/resources --output-format json")
                .stdout());
        JsonNode node1 = resources.get(2);
        assertThat(node1.get("id").asText()).isEqualTo("node/pve1");
        assertThat(node1.get("status").asText()).isEqualTo("offline");
        assertThat(node1.has("cpu")).isFalse();
        assertThat(node1.has("uptime")).isFalse();
    }

    @Test
    void guestsOnAFailedNodeAreUnreachable() throws Exception {
        cluster.failNode("pve1");
        JsonNode exec = JSON.readTree(ssh.run("pve2", "qm guest exec 101 -- ping -c 2 -i 0.2 10.10.10.101").stdout());
        assertThat(exec.get("exitcode").asInt()).isEqualTo(1);
        assertThat(exec.get("out-data").asText())
                .contains("From 10.10.10.102 icmp_seq=1 Destination Host Unreachable\n")
                .contains("2 packets transmitted, 0 received, +2 errors, 100% packet loss, time ");
    }

    @Test
    void linkLossShowsAsGapsInIcmpSeqAndFractionalLoss() throws Exception {
        cluster.close();
        cluster = SimCluster.start(SimSpec.defaults(2, 11).withTimeScale(200));
        ssh = new SshClient(cluster);
        cluster.setLinkLoss("pve2", 0.2);
        JsonNode exec = JSON.readTree(ssh.run("pve1", "qm guest exec 100 -- ping -c 30 -i 0.2 10.10.10.102").stdout());
        String out = exec.get("out-data").asText();
        long replies = out.lines().filter(l -> l.startsWith("64 bytes")).count();
        assertThat(replies).isBetween(5L, 29L);
        String loss = IputilsLoss.loss(30, replies);
        assertThat(out).contains("30 packets transmitted, " + replies + " received, " + loss + "% packet loss");
        cluster.setLinkLoss("pve2", 0);
        JsonNode healed = JSON.readTree(ssh.run("pve1", "qm guest exec 100 -- ping -c 10 -i 0.2 10.10.10.102").stdout());
        assertThat(healed.get("out-data").asText()).contains("10 received, 0% packet loss");
    }

    @Test
    void vmsOfAFailedNodeShowOnlyUnknownAfterTheRrdDataExpires() throws Exception {
        cluster.close();
        cluster = SimCluster.start(SimSpec.defaults(2, 7).withTimeScale(3000));
        ssh = new SshClient(cluster);
        cluster.failNode("pve1");
        Thread.sleep(150); // 450 model seconds > 5 minutes
        JsonNode resources = JSON.readTree(ssh.run("pve2", "pvesh get /cluster/resources --output-format json")
                .stdout());
        assertThat(resources.get(0).toString())
                .isEqualTo("{\"id\":\"qemu/100\",\"node\":\"pve1\",\"status\":\"unknown\",\"type\":\"qemu\",\"vmid\":100}");
        assertThat(resources.get(2).toString()).isEqualTo("{\"cgroup-mode\":2,\"host-arch\":\"x86_64\","
                + "\"id\":\"node/pve1\",\"node\":\"pve1\",\"status\":\"offline\",\"type\":\"node\"}");
    }
}
