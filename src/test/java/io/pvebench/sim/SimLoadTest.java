package io.pvebench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Load in the guests, seen the way pvebench sees it over SSH: Proxmox's own status
 * outputs, guest ping and iperf3 across nodes, under several node network set-ups.
 */
class SimLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    /** Runs a guest program and returns what it printed on stdout. */
    private static String guest(SshClient ssh, String node, int vmid, String command) throws Exception {
        SshClient.Result r = ssh.run(node, "qm guest exec " + vmid + " -- " + command);
        assertThat(r.exitStatus()).as(r.stderr()).isZero();
        return json(r.stdout()).path("out-data").asText();
    }

    private static double nodeCpu(SshClient ssh, String node) throws Exception {
        for (JsonNode e : json(ssh.run("pve1", "pvesh get /cluster/resources --type node --output-format json")
                .stdout())) {
            if (e.get("node").asText().equals(node)) {
                return e.get("cpu").asDouble();
            }
        }
        throw new AssertionError("no node " + node);
    }

    private static double avgRtt(String pingOutput) {
        Matcher m = Pattern.compile("rtt min/avg/max/mdev = [0-9.]+/([0-9.]+)/").matcher(pingOutput);
        assertThat(m.find()).as(pingOutput).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static double iperfGbit(SshClient ssh, String options) throws Exception {
        ssh.run("pve2", "qm guest exec 101 -- iperf3 -s -D -1");
        JsonNode doc = json(guest(ssh, "pve1", 100, "iperf3 -c 10.10.10.102 -t 5 -J " + options));
        return doc.at("/end/sum_sent/bits_per_second").asDouble() / 1e9;
    }

    @Test
    void heavyStressRaisesNodeCpuAndRttWhileThroughputStaysAtLineRate() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 21).withTimeScale(50))) {
            SshClient ssh = new SshClient(cluster);
            double idleCpu = nodeCpu(ssh, "pve1");
            double idleRtt = avgRtt(guest(ssh, "pve1", 100, "ping -c 40 -i 0.2 10.10.10.102"));
            double idleGbit = iperfGbit(ssh, "");

            for (String[] vm : new String[][] {{"pve1", "100"}, {"pve2", "101"}}) {
                SshClient.Result r = ssh.run(vm[0], "qm guest exec " + vm[1]
                        + " --timeout 1 -- stress-ng --cpu 4 --vm 1 --vm-bytes 512M --timeout 10m");
                assertThat(r.stderr()).isEqualTo("timeout reached, returning pid\n");
            }
            Thread.sleep(600); // 30 model seconds: pvestatd has sampled the loaded guests
            double busyCpu = nodeCpu(ssh, "pve1");
            JsonNode status = json(ssh.run("pve1", "pvesh get /nodes/pve1/status --output-format json").stdout());
            double busyRtt = avgRtt(guest(ssh, "pve1", 100, "ping -c 40 -i 0.2 10.10.10.102"));
            double busyGbit = iperfGbit(ssh, "");

            assertThat(busyCpu).isGreaterThan(idleCpu + 0.2);
            assertThat(status.get("cpu").asDouble()).isGreaterThan(idleCpu + 0.2);
            assertThat(Double.parseDouble(status.at("/loadavg/0").asText())).isGreaterThan(0.5);
            assertThat(busyRtt).isGreaterThan(idleRtt + 0.1);
            assertThat(idleGbit).isCloseTo(9.41, within(0.1));
            assertThat(busyGbit).isCloseTo(9.41, within(0.1));
            assertThat(guest(ssh, "pve1", 100, "cat /proc/loadavg"))
                    .matches("\\d+\\.\\d{2} \\d+\\.\\d{2} \\d+\\.\\d{2} \\d+/\\d+ \\d+\n");
            assertThat(cluster.spec().hardware()).isEqualTo(SimHardware.DEFAULT);
        }
    }

    @Test
    void aFullLinkDelaysPingsAndSharesItsBandwidthWithTheNextFlow() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 9).withTimeScale(50))) {
            SshClient ssh = new SshClient(cluster);
            double idleRtt = avgRtt(guest(ssh, "pve1", 100, "ping -c 40 -i 0.2 10.10.10.102"));
            ssh.run("pve2", "qm guest exec 101 -- iperf3 -s -D -p 5201");
            ssh.run("pve2", "qm guest exec 101 -- iperf3 -s -D -p 5202");
            SshClient.Result bulk = ssh.run("pve1", "qm guest exec 100 --timeout 1 -- iperf3 -c 10.10.10.102 -t 600 -J");
            assertThat(bulk.stderr()).isEqualTo("timeout reached, returning pid\n");
            double busyRtt = avgRtt(guest(ssh, "pve1", 100, "ping -c 40 -i 0.2 10.10.10.102"));
            JsonNode second = json(guest(ssh, "pve1", 100, "iperf3 -c 10.10.10.102 -p 5202 -t 5 -J"));
            assertThat(busyRtt).isGreaterThan(idleRtt + 0.2);
            assertThat(second.at("/end/sum_sent/bits_per_second").asDouble() / 1e9).isCloseTo(4.7, within(0.1));
            assertThat(second.at("/end/sum_sent/retransmits").asLong()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void nodeStatusHasTheFieldsOfNodesPmPerVersion() throws Exception {
        for (String version : List.of("9.2", "8.4")) {
            try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 3).withVersion(version)
                    .withTimeScale(50))) {
                SshClient ssh = new SshClient(cluster);
                JsonNode s = json(ssh.run("pve2", "pvesh get /nodes/pve1/status --output-format json").stdout());
                assertThat(SimClusterTest.fieldNames(s)).containsExactly("boot-info", "cpu", "cpuinfo",
                        "current-kernel", "idle", "ksm", "kversion", "loadavg", "memory", "pveversion", "rootfs",
                        "swap", "uptime", "wait");
                assertThat(SimClusterTest.fieldNames(s.get("memory"))).isEqualTo(version.equals("9.2")
                        ? List.of("available", "free", "total", "used") : List.of("free", "total", "used"));
                assertThat(s.get("loadavg").get(0).isTextual()).isTrue();
                assertThat(s.at("/cpuinfo/cpus").asInt()).isEqualTo(16);
                assertThat(s.get("pveversion").asText()).startsWith("pve-manager/" + version + ".");
                assertThat(s.get("kversion").asText()).startsWith("Linux " + s.at("/current-kernel/release").asText());
                assertThat(s.at("/memory/used").asLong() + s.at("/memory/free").asLong())
                        .isEqualTo(s.at("/memory/total").asLong());
            }
        }
    }

    @Test
    void jumboFramesGiveHigherGoodput() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 4).withTimeScale(50)
                .withHardware(SimHardware.DEFAULT.withMtu(9000)))) {
            SshClient ssh = new SshClient(cluster);
            ssh.run("pve2", "qm guest exec 101 -- iperf3 -s -D -1");
            JsonNode doc = json(guest(ssh, "pve1", 100, "iperf3 -c 10.10.10.102 -t 5 -J"));
            assertThat(doc.at("/start/tcp_mss_default").asInt()).isEqualTo(8948);
            assertThat(doc.at("/end/sum_sent/bits_per_second").asDouble() / 1e9).isCloseTo(9.90, within(0.1));
        }
    }

    @Test
    void lacpBondGivesOneStreamOneLinkAndSeveralStreamsBoth() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 4).withTimeScale(50)
                .withHardware(SimHardware.DEFAULT.withBond(2, "802.3ad")))) {
            SshClient ssh = new SshClient(cluster);
            assertThat(iperfGbit(ssh, "")).isCloseTo(9.41, within(0.1));
            assertThat(iperfGbit(ssh, "-P 4")).isCloseTo(18.8, within(0.3));
        }
    }

    private static List<String> transcript(long seed) throws Exception {
        Clock fixed = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, seed).withTimeScale(1000), fixed)) {
            SshClient ssh = new SshClient(cluster);
            List<String> out = new ArrayList<>();
            for (String command : List.of(
                    "qm guest exec 100 -- stress-ng --cpu 2 --vm 1 --timeout 3s --metrics-brief --yaml /tmp/s.yaml",
                    "qm guest exec 100 -- cat /tmp/s.yaml",
                    "qm guest exec 100 -- fio --name=t --rw=randrw --size=16M --runtime=3 --time_based"
                            + " --output-format=json",
                    "qm guest exec 100 -- fping -C 5 -p 100 10.10.10.102",
                    "qm guest exec 100 -- cat /proc/loadavg",
                    "pvesh get /nodes/pve1/status --output-format json",
                    "pvesh get /cluster/resources --output-format json",
                    "qm status 100 --verbose")) {
                out.add(ssh.run("pve1", command).stdout());
            }
            return out;
        }
    }

    @Test
    void sameSeedGivesByteIdenticalLoadToolOutputs() throws Exception {
        List<String> first = transcript(77);
        assertThat(transcript(77)).isEqualTo(first);
        assertThat(transcript(78)).isNotEqualTo(first);
    }
}
