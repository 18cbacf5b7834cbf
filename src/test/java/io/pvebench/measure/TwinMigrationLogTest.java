package io.pvebench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.sim.model.MigrationRecord;
import io.pvebench.ssh.CommandResult;
import io.pvebench.testsupport.TwinShell;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The migration task-log parser on the twin's live migrations: what it reads from the log
 * agrees with what the twin's model did, for a light and a heavy guest. The parser's
 * exactness on real logs is tested on published ones (MigrationTaskLogTest); this keeps
 * the twin and the parser speaking the same format.
 */
@Tag("sim")
class TwinMigrationLogTest {

    private final MigrationTaskLog parser = new MigrationTaskLog();

    @Test
    void aMigrationAbortedForItsLocalDiskParsesAsAbortedWithProxmoxsReason() {
        try (TwinShell twin = new TwinShell("9.2", 7, 50)) {
            CommandResult aborted = twin.run("pve1", "qm migrate 101 pve2 --online");

            assertThat(aborted.exitCode()).isEqualTo(255);
            MigrationReport report = parser.parse(aborted.stdout(), ZoneOffset.UTC);
            assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.ABORTED);
            assertThat(report.failureReason()).hasValue("can't migrate VM - check log");
        }
    }

    @Test
    void theParserReadsTheTwinsDowntimeDurationAndAutoIncreasesAsTheModelHadThem() {
        try (TwinShell twin = new TwinShell("9.2", 7, 50, "ceph")) {
            CommandResult light = twin.run("pve1", "qm migrate 101 pve2 --online");
            assertThat(light.exitCode()).as(light.stdout() + light.stderr()).isZero();
            MigrationReport lightReport = parser.parse(light.stdout(), ZoneOffset.UTC);
            MigrationRecord lightTruth = twin.twin().model().lastMigration(101).orElseThrow();

            assertThat(lightReport.outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
            assertThat(lightReport.vmid()).hasValue(101);
            assertThat(lightReport.targetNode()).hasValue("pve2");
            assertThat(lightReport.downtime()).hasValue(lightTruth.downtime());
            assertThat(lightReport.downtimeIncreases()).isEmpty();
            assertThat(lightReport.progress()).isNotEmpty();

            CommandResult load = twin.run("pve2", "qm guest exec 102 --timeout 1 -- stress-ng --cpu 2 --vm 2 "
                    + "--vm-bytes 1G --timeout 30m");
            assertThat(load.exitCode()).isZero();
            CommandResult heavy = twin.run("pve2", "qm migrate 102 pve1 --online");
            assertThat(heavy.exitCode()).as(heavy.stderr()).isZero();
            MigrationReport heavyReport = parser.parse(heavy.stdout(), ZoneOffset.UTC);
            MigrationRecord heavyTruth = twin.twin().model().lastMigration(102).orElseThrow();

            assertThat(heavyReport.outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
            assertThat(heavyReport.downtime()).hasValue(heavyTruth.downtime());
            // a guest that dirties memory fast does not converge at 100 ms: Proxmox raises the limit
            assertThat(heavyReport.downtimeIncreases()).isNotEmpty();
            assertThat(heavyReport.progress()).anySatisfy(p -> assertThat(p.dirtyRate()).isPresent());
            assertThat(heavyReport.duration()).isGreaterThan(lightReport.duration());
            assertThat(heavyReport.downtime().orElseThrow()).isGreaterThan(lightReport.downtime().orElseThrow());
        }
    }
}
