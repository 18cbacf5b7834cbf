package io.pvebench.measure;

import static io.pvebench.measure.CapturedOutput.all;
import static io.pvebench.measure.CapturedOutput.only;
import static io.pvebench.measure.CapturedOutput.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvebench.measure.MigrationReport.Outcome;
import io.pvebench.measure.MigrationReport.Progress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Real published Proxmox migration task logs (outputs/proxmox/SOURCES.md), and cuts of them. */
class MigrationTaskLogTest {

    private static final String HA = "proxmox/migration/pve8-online-ha-dedicated-net.log";
    private static final String ABORTED = "proxmox/migration/pve8-failed-ssh-hostkey-aborted.log";
    private static final String PVE9 = "proxmox/migration/pve9-online-ha-linstor-conntrack-completed.log";
    private static final long MIB = 1L << 20;

    private final MigrationTaskLog parser = new MigrationTaskLog();

    /** The first {@code n} lines of a real log, as if read while the task ran. */
    private static String firstLines(String log, int n) {
        return Arrays.stream(log.split("\n")).limit(n).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void haStartedMigrationOnADedicatedNetworkSucceedsWithProxmoxsDurationDowntimeAndSpeed() {
        MigrationReport r = parser.parse(read(HA), ZoneOffset.UTC);

        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.failureReason()).isEmpty();
        assertThat(r.vmid()).isEqualTo(OptionalInt.of(105));
        assertThat(r.targetNode()).contains("pve1");
        assertThat(r.targetAddress()).contains("10.10.1.1");
        assertThat(r.migrationNetwork()).contains("10.10.1.1");
        assertThat(r.startedByHa()).isTrue();
        assertThat(r.start()).isEqualTo(Instant.parse("2025-01-04T00:34:24Z"));
        assertThat(r.end()).isEqualTo(Instant.parse("2025-01-04T00:34:42Z"));
        assertThat(r.duration()).isEqualTo(Duration.ofSeconds(18));
        assertThat(r.downtime()).contains(Duration.ofMillis(73));
        assertThat(r.averageSpeed()).isEqualTo(OptionalLong.of(479_199_232L));
        assertThat(r.downtimeLimit()).contains(Duration.ofMillis(100));
        assertThat(r.memoryTotal()).isEqualTo(OptionalLong.of(4L << 30));
        assertThat(r.transferred()).as("no completion line in 8.3: the last progress line")
                .isEqualTo(OptionalLong.of(2_684_354_560L));
        assertThat(r.warnings()).isZero();
        assertThat(r.downtimeIncreases()).isEmpty();
        assertThat(r.mirrors()).isEmpty();
        assertThat(r.conntrack()).isEmpty();
    }

    @Test
    void everyProgressLineBecomesAPointOfTheCurveAtItsOwnSecond() {
        List<Progress> curve = parser.parse(read(HA), ZoneOffset.UTC).progress();

        assertThat(curve).hasSize(8);
        assertThat(curve.get(0)).isEqualTo(new Progress(Instant.parse("2025-01-04T00:34:30Z"), "active",
                375_285_350L, 4L << 30, 615_094_682L, OptionalLong.empty()));
        assertThat(curve.get(7)).isEqualTo(new Progress(Instant.parse("2025-01-04T00:34:37Z"), "active",
                2_684_354_560L, 4L << 30, Math.round(443.7 * MIB), OptionalLong.empty()));
        assertThat(curve).extracting(Progress::transferred).isSorted();
    }

    @Test
    void theNodesLocalTimeIsReadInTheGivenZone() {
        MigrationReport r = parser.parse(read(HA), ZoneId.of("Europe/Vienna"));

        assertThat(r.start()).isEqualTo(Instant.parse("2025-01-03T23:34:24Z"));
        assertThat(r.duration()).isEqualTo(Duration.ofSeconds(18));
    }

    @Test
    void aSuccessfulMigrationGivesItsSummaryAtTheEndAndItsSeriesAtEachLine() {
        List<Sample> samples = parser.samples(read(HA), Map.of("run", "r1"), ZoneOffset.UTC);

        Sample duration = only(samples, "migration_duration");
        assertThat(duration.value()).isEqualTo(18_000);
        assertThat(duration.unit()).isEqualTo("ms");
        assertThat(duration.timestamp()).isEqualTo(Instant.parse("2025-01-04T00:34:42Z"));
        assertThat(duration.labels()).containsExactlyInAnyOrderEntriesOf(
                Map.of("run", "r1", "vmid", "105", "target", "pve1"));
        assertThat(only(samples, "migration_failed").value()).isZero();
        assertThat(only(samples, "migration_downtime").value()).isEqualTo(73);
        assertThat(only(samples, "migration_speed").value()).isEqualTo(479_199_232);
        assertThat(only(samples, "migration_speed").unit()).isEqualTo("bytes/s");
        assertThat(only(samples, "migration_transferred").value()).isEqualTo(2_684_354_560.0);
        assertThat(only(samples, "migration_memory_total").value()).isEqualTo(4294967296.0);
        List<Sample> progress = all(samples, "migration_progress");
        assertThat(progress).hasSize(8);
        assertThat(progress.get(1).value()).isEqualTo(Math.round(735.9 * MIB));
        assertThat(progress.get(1).timestamp()).isEqualTo(Instant.parse("2025-01-04T00:34:31Z"));
        assertThat(all(samples, "migration_transfer_rate")).hasSize(8);
        assertThat(all(samples, "migration_transfer_rate").get(1).value()).isEqualTo(Math.round(543.8 * MIB));
        assertThat(all(samples, "migration_dirty_rate")).isEmpty();
        assertThat(all(samples, "migration_downtime_limit_increase")).isEmpty();
    }

    @Test
    void aMigrationAbortedInTheSshCheckIsAnOutcomeWithItsReasonNotAnException() {
        MigrationReport r = parser.parse(read(ABORTED), ZoneOffset.UTC);

        assertThat(r.outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(r.failureReason()).contains("Can't connect to destination address using public key");
        assertThat(r.duration()).isEqualTo(Duration.ZERO);
        assertThat(r.start()).isEqualTo(Instant.parse("2023-08-20T08:35:44Z"));
        assertThat(r.end()).isEqualTo(r.start());
        assertThat(r.vmid()).isEmpty();
        assertThat(r.targetNode()).isEmpty();
        assertThat(r.startedByHa()).isFalse();
        assertThat(r.progress()).isEmpty();
        assertThat(r.downtime()).isEmpty();
        assertThat(r.transferred()).isEmpty();
    }

    @Test
    void anAbortedMigrationGivesDurationAndFailedButNoDowntime() {
        List<Sample> samples = parser.samples(read(ABORTED), Map.of(), ZoneOffset.UTC);

        assertThat(samples).extracting(Sample::metric).containsExactly("migration_duration", "migration_failed");
        assertThat(only(samples, "migration_failed").value()).isEqualTo(1);
        assertThat(only(samples, "migration_duration").value()).isZero();
        assertThat(only(samples, "migration_duration").labels()).isEmpty();
    }

    @Test
    void aLogReadWhileTheMigrationRunsHasOutcomeUnknownAndOnlyItsSeries() {
        // up to the 00:34:33 progress line: 16 of 24 lines
        String running = firstLines(read(HA), 16);

        MigrationReport r = parser.parse(running, ZoneOffset.UTC);

        assertThat(r.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(r.failureReason()).isEmpty();
        assertThat(r.progress()).hasSize(4);
        assertThat(r.duration()).as("elapsed so far").isEqualTo(Duration.ofSeconds(9));
        assertThat(r.downtime()).isEmpty();
        List<Sample> samples = r.samples(Map.of());
        assertThat(samples).extracting(Sample::metric).doesNotContain("migration_duration", "migration_failed");
        assertThat(all(samples, "migration_progress")).hasSize(4);
    }

    @Test
    void overSshWithoutTaskOkTheFinishedLineStillMeansSuccess() {
        String overSsh = firstLines(read(HA), 23);

        MigrationReport r = parser.parse(overSsh, ZoneOffset.UTC);

        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.duration()).isEqualTo(Duration.ofSeconds(18));
    }

    @Test
    void aCrlfCopyReadsTheSame() {
        MigrationReport r = parser.parse(read(HA).replace("\n", "\r\n"), ZoneOffset.UTC);

        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.progress()).hasSize(8);
    }

    @Test
    void pve4LogsAreRefusedSayingTheirTimestampsAreNotSupported() {
        assertThatThrownBy(() -> parser.parse(read("proxmox/migration/pve4-online-iscsi-xbzrle.log"), ZoneOffset.UTC))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("line 1 'May 10 14:25:24 starting migration of VM 108")
                .hasMessageContaining("PVE 4 timestamps");
    }

    @Test
    void anotherTasksLogIsRefusedNamingItsFirstLine() {
        assertThatThrownBy(() -> parser.parse(read("proxmox/migration/pve9-ha-vm-start-task-error.log"),
                ZoneOffset.UTC))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("line 1 'task started by HA resource agent'")
                .hasMessageContaining("not a migration task log");
    }

    @Test
    void jsonIsRefusedNamingItsFirstLine() {
        assertThatThrownBy(() -> parser.parse(read("iperf3/tcp-t3.json"), ZoneOffset.UTC))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("line 1 '{'");
    }

    @Test
    void emptyTextIsRefused() {
        assertThatThrownBy(() -> parser.parse("\n", ZoneOffset.UTC))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void pve9HaMigrationWithConntrackWarningAndCompletionLineTakesTransferredFromTheCompletionLine() {
        MigrationReport r = parser.parse(read(PVE9), ZoneOffset.UTC);

        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.vmid()).isEqualTo(OptionalInt.of(20057));
        assertThat(r.targetNode()).contains("dalia");
        assertThat(r.targetAddress()).contains("10.100.3.103");
        assertThat(r.migrationNetwork()).contains("10.100.3.103");
        assertThat(r.startedByHa()).isTrue();
        assertThat(r.conntrack()).containsExactly(
                "conntrack state migration not supported or disabled, active connections might get dropped");
        assertThat(r.start()).isEqualTo(Instant.parse("2025-11-14T21:47:40Z"));
        assertThat(r.end()).isEqualTo(Instant.parse("2025-11-14T21:48:00Z"));
        assertThat(r.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(r.downtime()).contains(Duration.ofMillis(59));
        assertThat(r.averageSpeed()).isEqualTo(OptionalLong.of(845_781_402L));
        assertThat(r.transferred()).as("migration completed, transferred 11.7 GiB VM-state")
                .isEqualTo(OptionalLong.of(12_562_779_341L));
        assertThat(r.memoryTotal()).isEqualTo(OptionalLong.of(13_529_146_982L));
        assertThat(r.downtimeLimit()).contains(Duration.ofMillis(100));
        assertThat(r.progress()).hasSize(15);
        assertThat(r.progress().get(0)).isEqualTo(new Progress(Instant.parse("2025-11-14T21:47:43Z"), "active",
                540_436_070L, 13_529_146_982L, 449_105_101L, OptionalLong.empty()));
        assertThat(r.progress().get(1).rate()).as("1014.6 MiB/s").isEqualTo(1_063_885_210L);
        assertThat(r.progress().get(14).transferred()).isEqualTo(11_381_663_334L);
        assertThat(r.warnings()).isZero();
    }

    @Test
    void aStoragePluginNoticeBlockWithABlankLineInsideTheLogIsSkipped() {
        List<Sample> samples = parser.samples(read(PVE9), Map.of(), ZoneOffset.UTC);

        assertThat(only(samples, "migration_duration").value()).isEqualTo(20_000);
        assertThat(only(samples, "migration_transferred").value()).isEqualTo(12_562_779_341.0);
        assertThat(all(samples, "migration_progress")).hasSize(15);
    }

    @Test
    void aFailureOfTheRemoteStartWithoutEndMarkerIsUnknownWithTheErrorAsReason() {
        MigrationReport r = parser.parse(read("proxmox/migration/pve8-online-failure-remote-qemu-too-old-fragment.log"),
                ZoneOffset.UTC);

        assertThat(r.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(r.failureReason()).contains("online migrate failure - remote command failed with exit code 255");
        assertThat(r.start()).isEqualTo(Instant.parse("2025-11-28T14:01:09Z"));
        assertThat(r.duration()).isEqualTo(Duration.ZERO);
        assertThat(r.vmid()).isEmpty();
        assertThat(r.samples(Map.of())).isEmpty();
    }
}
