package io.pvebench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Corosync membership as partitions, with and without a QDevice, seen from every node. */
class SimQuorumTest {

    static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private SimCluster cluster;
    private SshClient ssh;

    private void start(SimSpec spec) {
        cluster = SimCluster.start(spec, FIXED);
        ssh = new SshClient(cluster);
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Values that differ between any two clusters blanked, trailing blanks cut (as the sample has them). */
    private static List<String> shape(String text) {
        return text.lines()
                .map(l -> l.replaceAll("10\\.0\\.99\\.[0-9]+", "IP").stripTrailing())
                .map(l -> l.replaceFirst("^(Name|Date|Ring ID): .*", "$1: X"))
                .toList();
    }

    @Test
    void twoNodesWithQdeviceMatchTheRealSampleLineByLine() throws Exception {
        start(SimSpec.defaults(2, 7).withQdevice(true));
        SshClient.Result status = ssh.run("pve2", "pvecm status");
        assertThat(status.exitStatus()).isZero();
        assertThat(shape(status.stdout()))
                .isEqualTo(shape(SimClusterTest.resource("proxmox/pve8-2node-qdevice.txt")));
        assertThat(status.stdout()).contains("Flags:            Quorate Qdevice \n",
                "    Nodeid      Votes    Qdevice Name\n", "0x00000000          1            Qdevice\n");
    }

    @Test
    void survivorOfTwoNodesKeepsQuorumThroughTheQdevice() throws Exception {
        start(SimSpec.defaults(2, 7).withQdevice(true));
        cluster.failNode("pve1");
        SshClient.Result status = ssh.run("pve2", "pvecm status");
        assertThat(status.exitStatus()).isZero();
        assertThat(status.stdout()).contains("Nodes:            1\n", "Quorate:          Yes\n",
                "Expected votes:   3\n", "Total votes:      2\n", "Quorum:           2  \n",
                "Flags:            Quorate Qdevice \n", "0x00000002          1    A,V,NMW 10.0.99.12 (local)\n",
                "0x00000000          1            Qdevice\n").doesNotContain("10.0.99.11");
    }

    @Test
    void survivorOfTwoNodesWithoutQdeviceIsBlocked() throws Exception {
        start(SimSpec.defaults(2, 7));
        cluster.failNode("pve2");
        SshClient.Result status = ssh.run("pve1", "pvecm status");
        assertThat(status.exitStatus()).isEqualTo(2);
        assertThat(status.stdout()).contains("Quorate:          No\n", "Quorum:           2 Activity blocked\n",
                "Flags:            \n");
    }

    @Test
    void linkDownIsolatesTheNodeAndBothSidesSeeIt() throws Exception {
        start(SimSpec.defaults(2, 7).withQdevice(true));
        SshClient.Result down = ssh.run("pve2", "ip link set eno1 down");
        assertThat(down.exitStatus()).isZero();

        SshClient.Result isolated = ssh.run("pve2", "pvecm status");
        assertThat(isolated.exitStatus()).isEqualTo(2);
        assertThat(isolated.stdout()).contains("Nodes:            1\n", "Quorate:          No\n",
                "Total votes:      1\n", "Quorum:           2 Activity blocked\n", "Flags:            Qdevice \n",
                "0x00000002          1   A,NV,NMW 10.0.99.12 (local)\n",
                "0x00000000          0            Qdevice (votes 1)\n");
        SshClient.Result survivor = ssh.run("pve1", "pvecm status");
        assertThat(survivor.exitStatus()).isZero();
        assertThat(survivor.stdout()).contains("Quorate:          Yes\n", "0x00000001          1    A,V,NMW 10.0.99.11 (local)\n")
                .doesNotContain("10.0.99.12");

        JsonNode fromIsolated = JSON.readTree(ssh.run("pve2", "pvesh get /cluster/status --output-format json").stdout());
        assertThat(fromIsolated.get(0).get("quorate").asInt()).isZero();
        assertThat(fromIsolated.get(1).get("online").asInt()).isZero();
        assertThat(fromIsolated.get(2).get("online").asInt()).isOne();
        JsonNode fromSurvivor = JSON.readTree(ssh.run("pve1", "pvesh get /cluster/status --output-format json").stdout());
        assertThat(fromSurvivor.get(0).get("quorate").asInt()).isOne();
        assertThat(fromSurvivor.get(2).get("online").asInt()).isZero();
        JsonNode resources = JSON.readTree(ssh.run("pve2", "pvesh get /cluster/resources --type node --output-format json")
                .stdout());
        assertThat(resources.get(0).get("status").asText()).isEqualTo("offline");
        assertThat(resources.get(1).get("status").asText()).isEqualTo("online");

        // the VM's devices on the bridge keep it up, though its uplink is down
        assertThat(ssh.run("pve2", "ip -br link").stdout()).startsWith(
                "lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n"
                + "eno1             DOWN           " + mac(ssh, "pve2") + " <BROADCAST,MULTICAST> \n"
                + "vmbr0            UP             " + mac(ssh, "pve2") + " <BROADCAST,MULTICAST,UP,LOWER_UP> \n"
                + "tap101i0         UNKNOWN        ");

        JsonNode ping = JSON.readTree(ssh.run("pve1", "qm guest exec 100 -- ping -c 3 -i 0.2 10.10.10.102").stdout());
        assertThat(ping.get("out-data").asText()).contains("3 packets transmitted, 0 received, 100% packet loss");

        ssh.run("pve2", "ip link set eno1 up");
        assertThat(ssh.run("pve2", "pvecm status").stdout()).contains("Nodes:            2\n", "Quorate:          Yes\n");
        assertThat(ssh.run("pve1", "pvecm status").stdout()).contains("Nodes:            2\n");
    }

    private static String mac(SshClient ssh, String node) throws Exception {
        String line = ssh.run(node, "ip link show eno1").stdout().lines().skip(1).findFirst().orElseThrow();
        return line.trim().split(" ")[1];
    }

    @Test
    void threeNodesKeepQuorumWhenOneIsCutOffByIptables() throws Exception {
        start(SimSpec.defaults(3, 7));
        SshClient.Result drop = ssh.run("pve3", "iptables -A INPUT -p udp --dport 5405:5412 -j DROP");
        assertThat(drop.exitStatus()).isZero();
        assertThat(ssh.run("pve3", "iptables -S").stdout()).isEqualTo("-P INPUT ACCEPT\n-P FORWARD ACCEPT\n"
                + "-P OUTPUT ACCEPT\n-A INPUT -p udp -m udp --dport 5405:5412 -j DROP\n");
        assertThat(ssh.run("pve1", "pvecm status").stdout()).contains("Nodes:            2\n", "Quorate:          Yes\n",
                "Quorum:           2  \n");
        assertThat(ssh.run("pve3", "pvecm status").exitStatus()).isEqualTo(2);

        assertThat(ssh.run("pve3", "iptables -D INPUT -p udp --dport 5405:5412 -j DROP").exitStatus()).isZero();
        assertThat(ssh.run("pve3", "pvecm status").stdout()).contains("Nodes:            3\n");
        SshClient.Result again = ssh.run("pve3", "iptables -D INPUT -p udp --dport 5405:5412 -j DROP");
        assertThat(again.exitStatus()).isOne();
        assertThat(again.stderr()).isEqualTo("iptables: Bad rule (does a matching rule exist in that chain?).\n");
        ssh.run("pve3", "iptables -I OUTPUT -p udp --dport 5405:5412 -j DROP");
        assertThat(ssh.run("pve1", "pvecm status").stdout()).contains("Nodes:            2\n");
        ssh.run("pve3", "iptables -F");
        assertThat(ssh.run("pve1", "pvecm status").stdout()).contains("Nodes:            3\n");
    }

    @Test
    void stoppedCorosyncLeavesTheMembershipAndSystemctlReportsIt() throws Exception {
        start(SimSpec.defaults(3, 7));
        SshClient.Result active = ssh.run("pve2", "systemctl is-active corosync");
        assertThat(active.stdout()).isEqualTo("active\n");
        assertThat(active.exitStatus()).isZero();
        assertThat(ssh.run("pve2", "systemctl stop corosync").exitStatus()).isZero();
        SshClient.Result inactive = ssh.run("pve2", "systemctl is-active corosync.service pve-cluster");
        assertThat(inactive.stdout()).isEqualTo("inactive\nactive\n");
        assertThat(inactive.exitStatus()).isEqualTo(3);

        SshClient.Result own = ssh.run("pve2", "pvecm status");
        assertThat(own.exitStatus()).isOne();
        assertThat(own.stderr()).isEqualTo("Cannot initialize CMAP service\n");
        assertThat(own.stdout()).startsWith("Cluster information\n");
        assertThat(ssh.run("pve1", "pvecm status").stdout()).contains("Nodes:            2\n")
                .doesNotContain("10.0.99.12");

        ssh.run("pve2", "systemctl restart corosync");
        assertThat(ssh.run("pve1", "pvecm status").stdout()).contains("Nodes:            3\n");

        SshClient.Result unknown = ssh.run("pve2", "systemctl start nosuch");
        assertThat(unknown.exitStatus()).isEqualTo(5);
        assertThat(unknown.stderr()).isEqualTo("Failed to start nosuch.service: Unit nosuch.service not found.\n");
    }

    @Test
    void stoppedPmxcfsBreaksTheApiOnThatNodeOnly() throws Exception {
        start(SimSpec.defaults(2, 7));
        ssh.run("pve1", "systemctl stop pve-cluster");
        SshClient.Result pvesh = ssh.run("pve1", "pvesh get /cluster/status --output-format json");
        assertThat(pvesh.exitStatus()).isEqualTo(111);
        assertThat(pvesh.stderr()).endsWith("Unable to load access control list: Connection refused\n");
        assertThat(ssh.run("pve1", "pvecm status").exitStatus()).isZero();
        assertThat(ssh.run("pve2", "pvesh get /cluster/status --output-format json").exitStatus()).isZero();
        ssh.run("pve1", "systemctl start pve-cluster");
        assertThat(ssh.run("pve1", "pvesh get /cluster/status --output-format json").exitStatus()).isZero();
    }
}
