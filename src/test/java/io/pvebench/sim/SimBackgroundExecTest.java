package io.pvebench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guest programs the agent runs in the background: {@code qm guest exec --synchronous 0}
 * and commands that outlive {@code --timeout}, followed with {@code qm guest exec-status}
 * as qemu-server 9.2 and qemu-ga 7.2 answer.
 */
class SimBackgroundExecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
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

    private static long start(SshClient ssh, String node, int vmid, String command) throws Exception {
        SshClient.Result r = ssh.run(node, "qm guest exec " + vmid + " --synchronous 0 -- " + command);
        assertThat(r.exitStatus()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).matches("\\{\n   \"pid\" : [0-9]+\n\\}\n");
        return json(r.stdout()).get("pid").asLong();
    }

    @Test
    void backgroundStressNgStartsAtOnceLoadsTheNodeAndIsCollectedOnceAfterItsTimeout() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 21).withTimeScale(50))) {
            SshClient ssh = new SshClient(cluster);
            double idleCpu = nodeCpu(ssh, "pve1");

            long t0 = System.nanoTime();
            long pid = start(ssh, "pve1", 100, "stress-ng --cpu 4 --timeout 60s --metrics-brief");
            // 60 model seconds are 1.2 s of wall time at scale 50; the start returned long before
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(0.8);

            Thread.sleep(700); // 35 model seconds: pvestatd has sampled the loaded guest
            assertThat(nodeCpu(ssh, "pve1")).isGreaterThan(idleCpu + 0.2);
            SshClient.Result running = ssh.run("pve1", "qm guest exec-status 100 " + pid);
            assertThat(running.exitStatus()).isZero();
            assertThat(running.stdout()).isEqualTo("{\n   \"exited\" : 0\n}\n");

            Thread.sleep(900);
            SshClient.Result done = ssh.run("pve1", "qm guest exec-status 100 " + pid);
            assertThat(done.exitStatus()).as(done.stderr()).isZero();
            JsonNode status = json(done.stdout());
            assertThat(status.get("exited").asInt()).isEqualTo(1);
            assertThat(status.get("exitcode").asInt()).isZero();
            assertThat(status.has("out-data")).isFalse();
            assertThat(status.has("signal")).isFalse();
            String err = status.get("err-data").asText();
            assertThat(err).startsWith("stress-ng: info:  [").contains("setting to a 60 second run per stressor\n")
                    .contains("dispatching hogs: 4 cpu\n").containsPattern("metrc: \\[[0-9]+\\] cpu +[0-9]+ +60\\.0")
                    .containsPattern("successful run completed in 60\\.0[0-9]s \\(1 min, 0\\.0[0-9] secs\\)\n$");
            // keys in Perl's canonical order
            assertThat(done.stdout().indexOf("\"err-data\"")).isLessThan(done.stdout().indexOf("\"exitcode\""));

            SshClient.Result again = ssh.run("pve1", "qm guest exec-status 100 " + pid);
            assertThat(again.exitStatus()).isEqualTo(255);
            assertThat(again.stdout()).isEmpty();
            assertThat(again.stderr()).isEqualTo("Agent error: Invalid parameter 'pid'\n");
        }
    }

    @Test
    void pkillEndsABackgroundStressNgEarlyAndItReportsTheShortenedRun() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 21).withTimeScale(50))) {
            SshClient ssh = new SshClient(cluster);
            long pid = start(ssh, "pve1", 100, "stress-ng --cpu 2 --timeout 10m --metrics-brief");
            Thread.sleep(400); // about 20 model seconds

            SshClient.Result kill = ssh.run("pve1", "qm guest exec 100 -- pkill stress-ng");
            assertThat(json(kill.stdout()).get("exitcode").asInt()).isZero();
            SshClient.Result done = ssh.run("pve1", "qm guest exec-status 100 " + pid);

            JsonNode status = json(done.stdout());
            assertThat(status.get("exited").asInt()).isEqualTo(1);
            // stress-ng catches SIGTERM and exits normally: no "signal" key
            assertThat(status.get("exitcode").asInt()).isZero();
            assertThat(status.has("signal")).isFalse();
            String err = status.get("err-data").asText();
            assertThat(err).contains("setting to a 600 second (10 mins, 0.00 secs) run per stressor\n")
                    .containsPattern("successful run completed in [0-9]+\\.[0-9]{2}s\n$");
            double real = Double.parseDouble(err.replaceAll("(?s).*completed in ([0-9.]+)s\n$", "$1"));
            assertThat(real).isBetween(10.0, 60.0);
            assertThat(ssh.run("pve1", "qm guest exec 100 -- pkill stress-ng").stdout()).contains("\"exitcode\" : 1");
        }
    }

    @Test
    void killByPidEndsExactlyThatStressNgAndItsLoadWhileAnotherRunsOn() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 21).withTimeScale(50))) {
            SshClient ssh = new SshClient(cluster);
            long ours = start(ssh, "pve1", 100, "stress-ng --cpu 2 --timeout 10m --metrics-brief");
            long theirs = start(ssh, "pve1", 100, "stress-ng --cpu 1 --timeout 10m --metrics-brief");
            assertThat(cluster.model().runningLoads(100)).hasSize(2);

            SshClient.Result kill = ssh.run("pve1", "qm guest exec 100 -- kill -TERM " + ours);
            assertThat(json(kill.stdout()).get("exitcode").asInt()).isZero();

            assertThat(cluster.model().runningLoads(100)).hasSize(1);
            JsonNode status = json(ssh.run("pve1", "qm guest exec-status 100 " + ours).stdout());
            assertThat(status.get("exited").asInt()).isEqualTo(1);
            assertThat(status.get("err-data").asText()).contains("successful run completed in");
            assertThat(json(ssh.run("pve1", "qm guest exec-status 100 " + theirs).stdout()).get("exited").asInt())
                    .isZero();
            // a pid that has ended: procps kill's own words, exit 1
            JsonNode again = json(ssh.run("pve1", "qm guest exec 100 -- kill -TERM " + ours).stdout());
            assertThat(again.get("exitcode").asInt()).isEqualTo(1);
            assertThat(again.get("err-data").asText()).isEqualTo("kill: (" + ours + "): No such process\n");
        }
    }

    @Test
    void aCommandThatOutlivesTheTimeoutRunsOnAndIsCollectable() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 21).withTimeScale(50))) {
            SshClient ssh = new SshClient(cluster);
            SshClient.Result r = ssh.run("pve1", "qm guest exec 100 --timeout 1 -- stress-ng --cpu 1 --timeout 20s");
            assertThat(r.stderr()).isEqualTo("timeout reached, returning pid\n");
            long pid = json(r.stdout()).get("pid").asLong();

            assertThat(ssh.run("pve1", "qm guest exec-status 100 " + pid).stdout())
                    .isEqualTo("{\n   \"exited\" : 0\n}\n");
            Thread.sleep(500); // 25 model seconds
            JsonNode status = json(ssh.run("pve1", "qm guest exec-status 100 " + pid).stdout());
            assertThat(status.get("exited").asInt()).isEqualTo(1);
            assertThat(status.get("err-data").asText()).contains("successful run completed in 20.0");
        }
    }

    @Test
    void pidsAreDeterministicPerSeedAndDistinct() throws Exception {
        long[] first = new long[2];
        long[] second = new long[2];
        for (long[] pids : new long[][] {first, second}) {
            try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 7).withTimeScale(50))) {
                SshClient ssh = new SshClient(cluster);
                pids[0] = start(ssh, "pve1", 100, "true");
                pids[1] = start(ssh, "pve1", 100, "true");
            }
        }
        assertThat(first).containsExactly(second);
        assertThat(first[1]).isGreaterThan(first[0]);
    }

    @Test
    void rejectsTimeoutWithoutSynchronousAndUnknownPids() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 21).withTimeScale(50))) {
            SshClient ssh = new SshClient(cluster);
            SshClient.Result both = ssh.run("pve1", "qm guest exec 100 --synchronous 0 --timeout 5 -- true");
            assertThat(both.exitStatus()).isEqualTo(255);
            assertThat(both.stderr()).isEqualTo(
                    "400 Parameter verification failed.\nsynchronous: needs to be set for 'timeout'\n");
            SshClient.Result unknown = ssh.run("pve1", "qm guest exec-status 100 4242");
            assertThat(unknown.exitStatus()).isEqualTo(255);
            assertThat(unknown.stderr()).isEqualTo("Agent error: Invalid parameter 'pid'\n");
        }
    }
}
