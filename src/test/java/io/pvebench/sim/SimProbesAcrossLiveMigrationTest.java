package io.pvebench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pvebench.sim.model.MigrationRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Probes started in a guest before a live migration begins and read after their end, the
 * way pvebench measures a migration: started with {@code qm guest exec --synchronous 0},
 * then {@code qm migrate --online}, then {@code qm guest exec-status}. VM 101 (pve2) probes
 * VM 100, which migrates from pve1 to pve2; the model's record of the migration is the truth.
 */
class SimProbesAcrossLiveMigrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * How long the probes run, model seconds: at 40 x time a migration and the SSH round trips
     * that start it take a few seconds of this, even on a busy machine; the rest is margin.
     */
    private static final int PROBE_SECONDS = 120;

    private SimCluster cluster;
    private SshClient ssh;
    private String ip100;

    @BeforeEach
    void startTwin() {
        List<SimVmSpec> vms = List.of(new SimVmSpec(100, "vm100", "pve1", 4, 4L << 30, 32L << 30, "ceph"),
                new SimVmSpec(101, "vm101", "pve2", 4, 4L << 30, 32L << 30, "ceph"));
        cluster = SimCluster.start(new SimSpec("sim", "9.2", 2, 7, 40, vms, "root", "sim", List.of()));
        ssh = new SshClient(cluster);
        ip100 = cluster.model().vm(100).orElseThrow().ip();
    }

    @AfterEach
    void stopTwin() {
        cluster.close();
    }

    @Test
    void fpingStartedBeforeTheMigrationLosesTheProbesOfThePauseAndShowsTheStartSpike() throws Exception {
        dirtyVm100Memory();
        Probe fping = startProbe("fping -C " + PROBE_SECONDS * 100 + " -p 10 -q " + ip100);
        MigrationRecord m = migrateVm100();
        fping.assertSpans(m);

        String err = fping.result().get("err-data").asText();
        String[] times = err.substring(err.indexOf(" : ") + 3).trim().split(" ");
        assertThat(times).hasSize(PROBE_SECONDS * 100);
        int[] pause = longestLostRun(times);
        // probes leave every 10 ms: the pause swallows its length's worth of them
        assertThat(pause[1] * 10L).isCloseTo(m.downtime().toMillis(), within(10L));

        // the probe sent at the migration's start lies as far before the pause as the switch-over after the start
        int atStart = pause[0] - (int) Math.round(Duration.between(m.start(), m.switchover()).toNanos() / 1e7);
        assertThat(Duration.between(m.start(), m.switchover())).isGreaterThan(Duration.ofMillis(1_500));
        double before = meanMillis(times, atStart - 110, atStart - 10);
        assertThat(meanMillis(times, atStart + 1, atStart + 11)).isGreaterThan(before + 3);
        // the spike fades within a second
        assertThat(meanMillis(times, atStart + 110, atStart + 150)).isCloseTo(before, within(0.5));
    }

    @Test
    void pingStartedBeforeTheMigrationLosesTheRequestsOfThePause() throws Exception {
        // iputils lets root ping every 10 ms; -D stamps each reply
        dirtyVm100Memory();
        int count = PROBE_SECONDS * 95;
        Probe ping = startProbe("ping -D -i 0.01 -c " + count + " " + ip100);
        MigrationRecord m = migrateVm100();
        ping.assertSpans(m);

        String out = ping.result().get("out-data").asText();
        Pattern reply = Pattern.compile("\\[(\\d+)\\.(\\d{6})] 64 bytes from [0-9.]+: icmp_seq=(\\d+) ttl=64 time=.*");
        TreeMap<Integer, Long> replies = new TreeMap<>();
        for (String line : out.split("\n")) {
            Matcher r = reply.matcher(line);
            if (r.matches()) {
                replies.put(Integer.parseInt(r.group(3)), Long.parseLong(r.group(1)) * 1_000_000
                        + Long.parseLong(r.group(2)));
            }
        }
        List<Integer> lost = new ArrayList<>();
        for (int seq = 1; seq <= count; seq++) {
            if (!replies.containsKey(seq)) {
                lost.add(seq);
            }
        }
        assertThat(lost).isNotEmpty();
        assertThat(lost.get(lost.size() - 1) - lost.get(0) + 1).as("one run of lost requests").isEqualTo(lost.size());
        // the replies either side of the gap are about one pause plus one interval apart
        long gapMs = (replies.get(lost.get(lost.size() - 1) + 1) - replies.get(lost.get(0) - 1)) / 1000 - 10;
        assertThat(gapMs).isCloseTo(m.downtime().toMillis(), within(10L));
        assertThat(out).contains(count + " packets transmitted, " + (count - lost.size()) + " received");
    }

    @Test
    void iperf3StartedBeforeTheMigrationDipsInTheTenthSecondIntervalsOfThePause() throws Exception {
        assertThat(ssh.run("pve1", "qm guest exec 100 -- iperf3 -s -D -1").exitStatus()).isZero();
        Probe iperf3 = startProbe("iperf3 -c " + ip100 + " -t " + PROBE_SECONDS + " -i 0.1 -J");
        MigrationRecord m = migrateVm100();
        iperf3.assertSpans(m);

        JsonNode intervals = JSON.readTree(iperf3.result().get("out-data").asText()).get("intervals");
        // iperf3 3.12 takes report intervals down to 0.1 s
        assertThat(intervals).hasSize(PROBE_SECONDS * 10);
        double[] bytes = new double[intervals.size()];
        double[] seconds = new double[intervals.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = intervals.get(i).at("/sum/bytes").asDouble();
            seconds[i] = intervals.get(i).at("/sum/seconds").asDouble();
            assertThat(seconds[i]).isCloseTo(0.1, within(0.001));
        }
        double median = Arrays.stream(bytes).sorted().toArray()[bytes.length / 2];
        int dip = 0;
        for (int i = 1; i < bytes.length; i++) {
            dip = bytes[i] < bytes[dip] ? i : dip;
        }
        // the pause falls into one interval or two neighbours; each lacks the share of it that was paused
        double missingMs = 0;
        for (int i = Math.max(0, dip - 1); i <= Math.min(bytes.length - 1, dip + 1); i++) {
            missingMs += (1 - bytes[i] / median) * seconds[i] * 1000;
        }
        assertThat(missingMs).isCloseTo(m.downtime().toMillis(), within(5.0));
        for (int i = 0; i < bytes.length; i++) {
            if (Math.abs(i - dip) > 1) {
                assertThat(bytes[i] / median).as("interval %d, away from the pause", i).isGreaterThan(0.9);
            }
        }
    }

    /** A program started in VM 101 without waiting, and the model instants around its start. */
    private final class Probe {
        final long pid;
        final Instant notBefore;
        final Instant notAfter;

        Probe(long pid, Instant notBefore, Instant notAfter) {
            this.pid = pid;
            this.notBefore = notBefore;
            this.notAfter = notAfter;
        }

        /** The migration began after the probe and was over well before the probe's end. */
        void assertSpans(MigrationRecord m) {
            assertThat(m.start()).as("migration start after the probe's").isAfter(notAfter);
            assertThat(m.resumed()).as("VM resumed before the probe's end")
                    .isBefore(notBefore.plusSeconds(PROBE_SECONDS - 5));
        }

        /** {@code qm guest exec-status} once the program has ended. */
        JsonNode result() throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                SshClient.Result r = ssh.run("pve2", "qm guest exec-status 101 " + pid);
                assertThat(r.exitStatus()).as(r.stderr()).isZero();
                JsonNode status = JSON.readTree(r.stdout());
                if (status.get("exited").asInt() == 1) {
                    return status;
                }
                assertThat(System.nanoTime()).as("probe ended").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    /**
     * A guest that keeps rewriting memory: auto-converge throttles it and the downtime grows to
     * a couple of hundred ms, many probes' worth.
     */
    private void dirtyVm100Memory() throws Exception {
        SshClient.Result r = ssh.run("pve1", "qm guest exec 100 --timeout 1 -- stress-ng --vm 1 --vm-bytes 128M"
                + " --timeout 30m");
        assertThat(r.exitStatus()).as(r.stderr()).isZero();
    }

    private Probe startProbe(String command) throws Exception {
        Instant notBefore = cluster.model().clock().now();
        SshClient.Result r = ssh.run("pve2", "qm guest exec 101 --synchronous 0 -- " + command);
        assertThat(r.exitStatus()).as(r.stderr()).isZero();
        return new Probe(JSON.readTree(r.stdout()).get("pid").asLong(), notBefore, cluster.model().clock().now());
    }

    private MigrationRecord migrateVm100() throws Exception {
        SshClient.Result r = ssh.run("pve1", "qm migrate 100 pve2 --online");
        assertThat(r.exitStatus()).as(r.stdout() + r.stderr()).isZero();
        return cluster.model().lastMigration(100).orElseThrow();
    }

    /** The first index and the length of the longest run of {@code -} (no reply) in fping's {@code -C} list. */
    private static int[] longestLostRun(String[] times) {
        int[] best = {0, 0};
        int runStart = -1;
        for (int i = 0; i <= times.length; i++) {
            boolean lost = i < times.length && times[i].equals("-");
            if (lost && runStart < 0) {
                runStart = i;
            } else if (!lost && runStart >= 0) {
                if (i - runStart > best[1]) {
                    best = new int[] {runStart, i - runStart};
                }
                runStart = -1;
            }
        }
        return best;
    }

    private static double meanMillis(String[] times, int from, int to) {
        return Arrays.stream(times, from, to).filter(t -> !t.equals("-")).mapToDouble(Double::parseDouble)
                .average().orElseThrow();
    }
}
