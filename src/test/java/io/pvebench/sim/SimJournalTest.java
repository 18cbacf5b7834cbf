package io.pvebench.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code journalctl} excerpts of what corosync and pmxcfs log on membership changes; determinism under faults. */
class SimJournalTest {

    @Test
    void survivorLogsTheLostNodeAsCorosyncDoes() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 7).withQdevice(true), SimQuorumTest.FIXED)) {
            SshClient ssh = new SshClient(cluster);
            assertThat(ssh.run("pve1", "journalctl -u corosync --no-pager").stdout()).isEqualTo("-- No entries --\n");
            ssh.run("pve2", "ip link set vmbr0 down");
            String pid = String.valueOf(cluster.model().servicePid("pve1", "corosync"));
            String prefix = "Nov 25 08:00:00 pve1 corosync[" + pid + "]:   ";
            List<String> expected = List.of(
                    "[KNET  ] link: host: 2 link: 0 is down",
                    "[KNET  ] host: host: 2 (passive) best link: 0 (pri: 1)",
                    "[KNET  ] host: host: 2 has no active links",
                    "[TOTEM ] Token has not been received in 2250 ms",
                    "[TOTEM ] A processor failed, forming new configuration: token timed out (3000ms), waiting 3600ms"
                            + " for consensus.",
                    "[QUORUM] Sync members[1]: 1",
                    "[QUORUM] Sync left[1]: 2",
                    "[TOTEM ] A new membership (1.4c) was formed. Members left: 2",
                    "[TOTEM ] Failed to receive the leave message. failed: 2",
                    "[QUORUM] Members[1]: 1",
                    "[MAIN  ] Completed service synchronization, ready to provide service.");
            StringBuilder text = new StringBuilder();
            expected.forEach(l -> text.append(prefix).append(l).append('\n'));
            assertThat(ssh.run("pve1", "journalctl -u corosync.service --since '2026-11-25 07:59' --no-pager")
                    .stdout()).isEqualTo(text.toString());
            // the isolated node also loses quorum
            assertThat(ssh.run("pve2", "journalctl -u corosync -o cat -n 3").stdout()).isEqualTo(
                    "  [QUORUM] This node is within the non-primary component and will NOT provide any services.\n"
                            + "  [QUORUM] Members[1]: 2\n"
                            + "  [MAIN  ] Completed service synchronization, ready to provide service.\n");
            assertThat(ssh.run("pve2", "journalctl -u pve-cluster -n 1 -o cat").stdout())
                    .isEqualTo("[status] notice: node lost quorum\n");
            assertThat(ssh.run("pve1", "journalctl -u corosync --since -1min -o short-iso -n 1").stdout())
                    .startsWith("2026-11-25T08:00:00+00:00 pve1 corosync[");
            assertThat(ssh.run("pve1", "journalctl -u corosync --since tomorrow").stderr())
                    .isEqualTo("Failed to parse timestamp: tomorrow\n");

            ssh.run("pve2", "ip link set vmbr0 up");
            assertThat(ssh.run("pve1", "journalctl -u corosync -o cat -n 3").stdout()).isEqualTo(
                    "  [TOTEM ] A new membership (1.54) was formed. Members joined: 2\n"
                            + "  [QUORUM] Members[2]: 1 2\n"
                            + "  [MAIN  ] Completed service synchronization, ready to provide service.\n");
        }
    }

    @Test
    void cleanCorosyncStopIsALeaveNotAFailure() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(3, 7), SimQuorumTest.FIXED)) {
            SshClient ssh = new SshClient(cluster);
            ssh.run("pve3", "systemctl stop corosync");
            String survivor = ssh.run("pve1", "journalctl -u corosync -o cat").stdout();
            assertThat(survivor).contains("Members left: 3\n").doesNotContain("Failed to receive the leave message",
                    "Token has not been received", "non-primary");
            assertThat(ssh.run("pve3", "journalctl -u corosync -o cat").stdout()).isEqualTo(
                    "Stopping corosync.service - Corosync Cluster Engine...\n"
                            + "  [MAIN  ] Node was shut down by a signal\n"
                            + "  [SERV  ] Unloading all Corosync service engines.\n"
                            + "  [MAIN  ] Corosync Cluster Engine exiting normally\n"
                            + "corosync.service: Deactivated successfully.\n"
                            + "Stopped corosync.service - Corosync Cluster Engine.\n");
        }
    }

    private static List<String> transcript(long seed) throws Exception {
        List<String> out = new ArrayList<>();
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(3, seed).withQdevice(true).withHaResources("vm:100"),
                SimQuorumTest.FIXED)) {
            SshClient ssh = new SshClient(cluster);
            ssh.run("pve3", "iptables -A OUTPUT -p udp --dport 5405:5412 -j DROP");
            cluster.failNode("pve2");
            for (String node : List.of("pve1", "pve3")) {
                for (String command : List.of("pvecm status", "ha-manager status", "journalctl --no-pager",
                        "pvesh get /cluster/resources --output-format json")) {
                    out.add(ssh.run(node, command).stdout());
                }
            }
        }
        return out;
    }

    @Test
    void sameSeedAndFaultsGiveIdenticalOutputs() throws Exception {
        List<String> first = transcript(42);
        assertThat(transcript(42)).isEqualTo(first);
        assertThat(transcript(43)).isNotEqualTo(first);
    }
}
