package io.pvebench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pvebench.sim.model.HostNetwork;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The nodes' and guests' network devices as {@code ip link} shows and changes them, and
 * what MTU and bond mode do to the traffic between guests (VM 100 on pve1, 101 on pve2).
 */
class SimNetworkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static String guest(SshClient ssh, String node, int vmid, String command) throws Exception {
        SshClient.Result r = ssh.run(node, "qm guest exec " + vmid + " -- " + command);
        assertThat(r.exitStatus()).as(r.stderr()).isZero();
        return json(r.stdout()).path("out-data").asText();
    }

    private static JsonNode iperf(SshClient ssh, String options) throws Exception {
        ssh.run("pve2", "qm guest exec 101 -- iperf3 -s -D -1");
        return json(guest(ssh, "pve1", 100, "iperf3 -c 10.10.10.102 -t 5 -J " + options));
    }

    private static double gbit(JsonNode iperf) {
        return iperf.at("/end/sum_sent/bits_per_second").asDouble() / 1e9;
    }

    private static void ok(SshClient ssh, String node, String command) throws Exception {
        SshClient.Result r = ssh.run(node, command);
        assertThat(r.exitStatus()).as(command + ": " + r.stderr()).isZero();
    }

    /** Jumbo frames the whole way: both nodes' NIC, bridge and VM devices, and both guests. */
    private static void jumbo(SshClient ssh) throws Exception {
        for (String node : List.of("pve1", "pve2")) {
            int vmid = node.equals("pve1") ? 100 : 101;
            for (String dev : List.of("eno1", "vmbr0", "fwpr" + vmid + "p0", "fwln" + vmid + "i0", "tap" + vmid + "i0",
                    "fwbr" + vmid + "i0")) {
                ok(ssh, node, "ip link set dev " + dev + " mtu 9000");
            }
        }
        ok(ssh, "pve1", "qm guest exec 100 -- ip link set dev eth0 mtu 9000");
        ok(ssh, "pve2", "qm guest exec 101 -- ip link set dev eth0 mtu 9000");
    }

    @Test
    void aNodeListsItsNicBridgeAndTheVmsTapAndFirewallDevicesAsJson() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 3))) {
            SshClient ssh = new SshClient(cluster);
            JsonNode links = json(ssh.run("pve1", "ip -j -d link").stdout());

            List<String> names = new ArrayList<>();
            links.forEach(l -> names.add(l.get("ifname").asText()));
            assertThat(names).containsExactly("lo", "eno1", "vmbr0", "tap100i0", "fwbr100i0", "fwln100i0", "fwpr100p0");
            assertThat(links.get(1).get("master").asText()).isEqualTo("vmbr0");
            assertThat(links.get(1).get("max_mtu").asInt()).isEqualTo(HostNetwork.NIC_MAX_MTU);
            assertThat(links.get(2).at("/linkinfo/info_kind").asText()).isEqualTo("bridge");
            assertThat(links.get(3).get("master").asText()).isEqualTo("fwbr100i0");
            assertThat(links.get(6).get("master").asText()).isEqualTo("vmbr0");
            assertThat(links.get(6).get("link").asText()).isEqualTo("fwln100i0");
            links.forEach(l -> assertThat(l.get("mtu").asInt()).isIn(1500, 65536));
            assertThat(json(ssh.run("pve1", "ip -j link show master vmbr0").stdout()).findValuesAsText("ifname"))
                    .containsExactly("eno1", "fwpr100p0");
        }
    }

    @Test
    void settingTheBridgeMtuChangesTheBridgeOnlyAsTheKernelDoes() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 3))) {
            SshClient ssh = new SshClient(cluster);
            ok(ssh, "pve1", "ip link set dev vmbr0 mtu 9000");

            assertThat(ssh.run("pve1", "ip link show dev vmbr0").stdout()).startsWith("3: vmbr0: ").contains(" mtu 9000 ");
            assertThat(json(ssh.run("pve1", "ip -j link show dev eno1").stdout()).get(0).get("mtu").asInt())
                    .isEqualTo(1500);
            assertThat(cluster.model().network("pve1", n -> n.link("vmbr0").orElseThrow().mtu()).intValue()).isEqualTo(9000);
            assertThat(cluster.model().network("pve2", n -> n.link("vmbr0").orElseThrow().mtu()).intValue()).isEqualTo(1500);
        }
    }

    @Test
    void theKernelsLimitsComeBackAsIprouteErrors() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 3))) {
            SshClient ssh = new SshClient(cluster);
            SshClient.Result tooBig = ssh.run("pve1", "ip link set dev eno1 mtu 9800");
            assertThat(tooBig.exitStatus()).isEqualTo(2);
            assertThat(tooBig.stderr()).isEqualTo("Error: mtu greater than device maximum.\n");
            SshClient.Result word = ssh.run("pve1", "ip link set dev eno1 mtu big");
            assertThat(word.exitStatus()).isEqualTo(255);
            assertThat(word.stderr()).isEqualTo("Error: argument \"big\" is wrong: Invalid \"mtu\" value\n\n");
            SshClient.Result missing = ssh.run("pve1", "ip link set dev eno9 mtu 9000");
            assertThat(missing.exitStatus()).isEqualTo(1);
            assertThat(missing.stderr()).isEqualTo("Cannot find device \"eno9\"\n");
            assertThat(ssh.run("pve1", "ip -j link show dev eno9").stderr()).isEqualTo("Device \"eno9\" does not exist.\n");
        }
    }

    @Test
    void jumboFramesAllTheWayRaiseOneStreamFromNinePointFourToNinePointNineGigabit() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 5).withTimeScale(50))) {
            SshClient ssh = new SshClient(cluster);
            JsonNode before = iperf(ssh, "");
            jumbo(ssh);
            JsonNode after = iperf(ssh, "");

            assertThat(before.at("/start/tcp_mss_default").asInt()).isEqualTo(1448);
            assertThat(after.at("/start/tcp_mss_default").asInt()).isEqualTo(8948);
            // goodput = 10 Gbit/s x (MTU - 52 bytes of IP and TCP headers) / (MTU + 38 bytes of Ethernet framing)
            assertThat(gbit(before)).isCloseTo(10 * 1448 / 1538.0, within(0.05));
            assertThat(gbit(after)).isCloseTo(10 * 8948 / 9038.0, within(0.05));
            assertThat(json(guest(ssh, "pve1", 100, "ip -j link show dev eth0")).get(0).get("mtu").asInt())
                    .isEqualTo(9000);
        }
    }

    @Test
    void guestsWithJumboFramesOverA1500Path_dropEveryFullSizeSegment() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 5).withTimeScale(50))) {
            SshClient ssh = new SshClient(cluster);
            ok(ssh, "pve1", "qm guest exec 100 -- ip link set dev eth0 mtu 9000");
            ok(ssh, "pve2", "qm guest exec 101 -- ip link set dev eth0 mtu 9000");

            JsonNode blackholed = iperf(ssh, "");
            assertThat(gbit(blackholed)).isZero();
            // the retransmission timer backs off: 0.2, 0.6, 1.4, 3.0 s
            assertThat(blackholed.at("/end/sum_sent/retransmits").asLong()).isEqualTo(4);
            // small packets still pass: the guests can reach each other, big ones vanish
            assertThat(guest(ssh, "pve1", 100, "ping -c 3 -i 0.2 10.10.10.102")).contains(", 0% packet loss");
            assertThat(guest(ssh, "pve1", 100, "ping -c 3 -i 0.2 -s 8972 10.10.10.102")).contains(", 100% packet loss");
        }
    }

    @Test
    void aNodeThatRebootsComesBackWithTheMtuItIsConfiguredWith() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 3))) {
            SshClient ssh = new SshClient(cluster);
            ok(ssh, "pve2", "ip link set dev vmbr0 mtu 9000");
            cluster.failNode("pve2");
            cluster.recoverNode("pve2");

            assertThat(ssh.run("pve2", "ip link show dev vmbr0").stdout()).contains(" mtu 1500 ");
        }
    }

    @Test
    void aBondsModeChangesOnlyWhileItIsDownAndHasNoSlaves() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 5).withTimeScale(50)
                .withHardware(SimHardware.DEFAULT.withBond(2, "802.3ad")))) {
            SshClient ssh = new SshClient(cluster);
            JsonNode bond = json(ssh.run("pve1", "ip -j -d link show dev bond0").stdout()).get(0);
            assertThat(bond.at("/linkinfo/info_data/mode").asText()).isEqualTo("802.3ad");
            assertThat(bond.get("master").asText()).isEqualTo("vmbr0");

            SshClient.Result up = ssh.run("pve1", "ip link set dev bond0 type bond mode balance-rr");
            assertThat(up.exitStatus()).isEqualTo(2);
            assertThat(up.stderr()).isEqualTo("Error: unable to set option because the bond device has slaves.\n");

            // the live change as one remote shell, so the bond comes back up whatever the session does
            SshClient.Result change = ssh.run("pve1", "sh -c 'ip link set dev bond0 down; ip link set dev eno1 nomaster;"
                    + " ip link set dev eno2 nomaster; ip link set dev bond0 type bond mode balance-rr;"
                    + " ip link set dev eno1 master bond0; ip link set dev eno2 master bond0; ip link set dev bond0 up'");
            assertThat(change.exitStatus()).as(change.stderr()).isZero();
            assertThat(json(ssh.run("pve1", "ip -j -d link show dev bond0").stdout()).get(0)
                    .at("/linkinfo/info_data/mode").asText()).isEqualTo("balance-rr");
            assertThat(json(ssh.run("pve1", "ip -j link show master bond0").stdout()).findValuesAsText("ifname"))
                    .containsExactly("eno1", "eno2");
            assertThat(ssh.run("pve1", "pvecm status").stdout()).contains("Quorate:          Yes\n");
        }
    }

    @Test
    void roundRobinLetsOneStreamExceedOneLinkWhereLacpAndActiveBackupCannot() throws Exception {
        for (String mode : List.of("balance-rr", "802.3ad", "active-backup", "balance-xor")) {
            try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 5).withTimeScale(50)
                    .withHardware(SimHardware.DEFAULT.withBond(2, mode)))) {
                double oneStream = gbit(iperf(new SshClient(cluster), ""));
                if (mode.equals("balance-rr")) {
                    assertThat(oneStream).as(mode).isGreaterThan(15);
                } else {
                    assertThat(oneStream).as(mode).isCloseTo(9.41, within(0.1));
                }
            }
        }
    }
}
