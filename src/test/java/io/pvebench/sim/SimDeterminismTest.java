package io.pvebench.sim;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Same seed and same commands give the same bytes; another seed does not. */
class SimDeterminismTest {

    private static final List<String> SCRIPT = List.of(
            "pvecm status",
            "pvesh get /cluster/resources --output-format json",
            "qm guest exec 100 -- ping -c 5 -i 0.2 -D 10.10.10.102",
            "qm guest cmd 100 network-get-interfaces",
            "qm list");

    private static List<String> transcript(long seed) throws Exception {
        // a fixed wall clock freezes model time, so timestamps are equal too
        Clock fixed = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, seed).withTimeScale(100), fixed)) {
            SshClient ssh = new SshClient(cluster);
            List<String> outputs = new ArrayList<>();
            for (String command : SCRIPT) {
                outputs.add(ssh.run("pve1", command).stdout());
            }
            ssh.run("pve2", "qm guest exec 101 -- iperf3 -s -D -1");
            outputs.add(ssh.run("pve1", "qm guest exec 100 -- iperf3 -c 10.10.10.102 -t 2 -J").stdout());
            return outputs;
        }
    }

    @Test
    void sameSeedAndCommandsGiveIdenticalOutputs() throws Exception {
        List<String> first = transcript(1234);
        List<String> second = transcript(1234);
        assertThat(second).isEqualTo(first);
        assertThat(transcript(99)).isNotEqualTo(first);
    }
}
