package io.pvebench.sim.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pvebench.sim.model.LiveMigration;
import io.pvebench.sim.model.MigrationRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guest program's output is worked out after its end: it keeps what the guest and path were
 * at its start and adds what migrations, even those recorded after its start, did during its
 * run. On a hand-moved clock: VM 100 (pve1) probes VM 101 (pve2, 10.10.10.102).
 */
class ProbeOutputAfterTheEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VM101 = "10.10.10.102";

    @ParameterizedTest
    @ValueSource(strings = {
            "fping -C 30 -p 10 -q " + VM101,
            "fping -c 20 -p 100 -Q 1 " + VM101 + " 10.10.10.103 10.10.99.99",
            "ping -D -i 0.01 -c 50 " + VM101,
            "iperf3 -c " + VM101 + " -t 3 -P 2 -i 0.1 -J",
            "iperf3 -c " + VM101 + " -t 2 -R -O 1 -J",
            "iperf3 -c " + VM101 + " -u -b 2G -t 2 -P 2 --get-server-output",
            "stress-ng --cpu 2 --vm 1 --timeout 3s --metrics"})
    void withoutAMigrationTheOutputIsWhatTheStartDeterminedWhateverCameAfter(String command) {
        GuestTwin readAtOnce = new GuestTwin(9);
        GuestTwin readLater = new GuestTwin(9);
        Reply atOnce = start(readAtOnce, command).reply();

        GuestRun run = start(readLater, command);
        // the guests and the path get busy after the start, and time moves on: the run does not see it
        readLater.run(101, "stress-ng", "--cpu", "4", "--vm", "2", "--timeout", "60s");
        readLater.run(100, "stress-ng", "--cpu", "4", "--timeout", "60s");
        readLater.clock.advance(Duration.ofSeconds(30));
        Reply later = run.reply();

        assertThat(later).isEqualTo(atOnce);
    }

    @Test
    void iperf3TakesATenthOfASecondAsReportIntervalButNotLess() throws Exception {
        GuestTwin twin = new GuestTwin(9);
        JsonNode doc = JSON.readTree(start(twin, "iperf3 -c " + VM101 + " -t 2 -i 0.1 -J").reply().stdout());
        assertThat(doc.get("intervals")).hasSize(20);
        for (JsonNode interval : doc.get("intervals")) {
            assertThat(interval.at("/sum/seconds").asDouble()).isBetween(0.099, 0.1005);
        }
        Reply tooShort = twin.run(100, "iperf3", "-c", VM101, "-i", "0.05", "-J");
        assertThat(tooShort.exitCode()).isEqualTo(1);
        assertThat(tooShort.stderr())
                .isEqualTo("iperf3: parameter error - invalid report interval (min = 0.1, max = 60 seconds)\n");
        assertThat(twin.run(100, "iperf3", "-c", VM101, "-i", "61").exitCode()).isEqualTo(1);
    }

    @Test
    void udpDatagramsReachingAReceiverPausedAfterTheStartAreLost() throws Exception {
        String command = "iperf3 -c " + VM101 + " -u -b 100M -t 4 -i 0.1 -J";
        GuestTwin calm = new GuestTwin(9);
        JsonNode without = JSON.readTree(start(calm, command).reply().stdout());

        GuestTwin twin = new GuestTwin(9);
        GuestRun run = start(twin, command);
        MigrationRecord m = migrationPausingAt(twin, 101, twin.clock.instant().plusSeconds(2));
        JsonNode with = JSON.readTree(run.reply().stdout());

        assertThat(without.at("/end/sum/lost_packets").asLong()).isZero();
        long packets = with.at("/end/sum/packets").asLong();
        double pausedShare = m.downtime().toNanos() / 4e9;
        assertThat(with.at("/end/sum/lost_packets").asLong() / (double) packets)
                .isCloseTo(pausedShare, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void aPausedUdpSenderSendsNothingInThePause() throws Exception {
        String command = "iperf3 -c " + VM101 + " -u -b 100M -t 4 -i 0.1 -J";
        GuestTwin calm = new GuestTwin(9);
        JsonNode without = JSON.readTree(start(calm, command).reply().stdout()).get("intervals");

        GuestTwin twin = new GuestTwin(9);
        GuestRun run = start(twin, command);
        MigrationRecord m = migrationPausingAt(twin, 100, twin.clock.instant().plusSeconds(2));
        JsonNode with = JSON.readTree(run.reply().stdout()).get("intervals");

        // a pause of more than 0.1 s from 2 s on: the interval 2.0-2.1 s sends nothing
        assertThat(m.downtime()).isGreaterThan(Duration.ofMillis(100));
        assertThat(without.get(20).at("/sum/packets").asLong()).isGreaterThan(800);
        assertThat(with.get(20).at("/sum/packets").asLong()).isZero();
        // after the pause the guest runs unthrottled again on the target
        assertThat(with.get(39).at("/sum/packets").asLong())
                .isCloseTo(without.get(39).at("/sum/packets").asLong(), org.assertj.core.api.Assertions.within(1L));
    }

    @Test
    void stressNgStartedBeforeAMigrationDoesFewerBogoOpsUnderItsThrottle() {
        String command = "stress-ng --cpu 1 --timeout 20s --metrics-brief";
        GuestTwin calm = new GuestTwin(9);
        long without = cpuBogoOps(start(calm, command).reply());

        GuestTwin twin = new GuestTwin(9);
        GuestRun run = start(twin, command);
        MigrationRecord m = migrationPausingAt(twin, 100, twin.clock.instant().plusSeconds(18));
        assertThat(m.plan().throttles()).isNotEmpty();
        long with = cpuBogoOps(run.reply());

        double ran = twin.model.guestRunFraction(100, twin.clock.instant(), twin.clock.instant().plusSeconds(20));
        assertThat(ran).isLessThan(0.9);
        assertThat((double) with).isCloseTo(without * ran, org.assertj.core.api.Assertions.withinPercentage(0.5));
    }

    private static GuestRun start(GuestTwin twin, String command) {
        List<String> argv = List.of(command.split(" "));
        if (argv.get(0).equals("iperf3")) {
            assertThat(twin.run(101, "iperf3", "-s", "-D", "-1").exitCode()).isZero();
        }
        return twin.exec(100, argv.toArray(String[]::new));
    }

    /** A heavy guest's migration (auto-converge, a pause of several hundred ms) whose pause begins at {@code pause}. */
    private static MigrationRecord migrationPausingAt(GuestTwin twin, int vmid, Instant pause) {
        LiveMigration.Plan plan = LiveMigration.plan(new LiveMigration.Params(4L << 30, 3L << 30,
                3_000.0 * (1 << 20), 450.0 * (1 << 20), 100), new Random(1));
        String node = twin.model.nodeOf(vmid);
        MigrationRecord m = new MigrationRecord(vmid, node, node.equals("pve1") ? "pve2" : "pve1",
                pause.minus(plan.switchover()), 450.0 * (1 << 20), plan);
        twin.model.recordMigration(m);
        return m;
    }

    private static long cpuBogoOps(Reply reply) {
        Matcher m = Pattern.compile("metrc: \\[\\d+] cpu +(\\d+) ").matcher(reply.stderr());
        assertThat(m.find()).as(reply.stderr()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
