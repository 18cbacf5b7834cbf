package io.pvebench.sim.model;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Task end markers and exit statuses as pve-common {@code RESTEnvironment.pm}
 * ({@code fork_worker}, {@code $tee_worker}) and {@code UPID.pm} ({@code read_status})
 * write and read them.
 */
class TaskTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    private final ModelClock clock = new ModelClock(Clock.fixed(T0, ZoneOffset.UTC), 1);
    private final Tasks tasks = new Tasks(clock, new Randoms(7), n -> T0.minus(Duration.ofDays(3)));

    @Test
    void aTaskRunsUntilItEndsAndThenCarriesTheOkMarkerAsItsLastLine() {
        Task task = tasks.start("pve1", "qmstart", "100", "root@pam", true);
        assertThat(task.running()).isTrue();
        assertThat(task.exitStatus()).isEmpty();
        task.log("generating cloud-init ISO\n");
        task.finish();
        assertThat(task.running()).isFalse();
        assertThat(task.exitStatus()).contains("OK");
        assertThat(task.lines()).containsExactly("generating cloud-init ISO", "TASK OK");
        assertThat(task.output()).containsExactly("generating cloud-init ISO");
        assertThat(task.endTime()).contains(T0);
    }

    @Test
    void aCliTaskThatDiesGetsAnEmptyLineBeforeTheErrorMarker() {
        Task task = tasks.start("pve1", "qmstart", "100", "root@pam", true);
        task.fail("VM 100 already running\n");
        assertThat(task.lines()).containsExactly("", "TASK ERROR: VM 100 already running");
        assertThat(task.exitStatus()).contains("VM 100 already running");
        assertThat(task.output()).isEmpty();
    }

    @Test
    void aBackgroundTaskLikeTheSampleHasNoEmptyLineAndMultiLineErrorsBecomeOneLine() {
        // samples/proxmox/pve9-ha-vm-start-task-error.log: no blank line before TASK ERROR
        Task task = tasks.start("pve1", "qmstart", "100", "root@pam", false);
        task.log("task started by HA resource agent");
        task.fail("storage 'truenas-hdd'\ndoes not exist");
        assertThat(task.lines()).containsExactly("task started by HA resource agent",
                "TASK ERROR: storage 'truenas-hdd' does not exist");
    }

    @Test
    void warningsAreCountedAndEndTheTaskWithTheirNumber() {
        Task task = tasks.start("pve1", "qmigrate", "100", "root@pam", true);
        task.warn("left-over QEMU storage daemon");
        task.warn("another");
        task.finish();
        assertThat(task.lines()).containsExactly("WARN: left-over QEMU storage daemon", "WARN: another", "",
                "TASK WARNINGS: 2");
        assertThat(task.exitStatus()).contains("WARNINGS: 2");
    }

    @Test
    void pidsGrowPerNodeAndPstartCountsClockTicksSinceBoot() {
        Task first = tasks.start("pve1", "qmstart", "100", "root@pam", true);
        Task second = tasks.start("pve1", "qmstop", "100", "root@pam", true);
        assertThat(second.upid().pid()).isGreaterThan(first.upid().pid());
        assertThat(first.upid().pstart()).isEqualTo(3 * 86_400 * 100L);
        assertThat(first.upid().starttime()).isEqualTo(T0.getEpochSecond());
        Tasks again = new Tasks(clock, new Randoms(7), n -> T0.minus(Duration.ofDays(3)));
        assertThat(again.start("pve1", "qmstart", "100", "root@pam", true).upid()).isEqualTo(first.upid());
    }

    @Test
    void theArchiveListsTheLastFinishedTaskFirstAndRunningOnesApart() {
        Task a = tasks.start("pve1", "qmstart", "100", "root@pam", true);
        Task b = tasks.start("pve1", "qmclone", "100", "root@pam", true);
        Task c = tasks.start("pve1", "qmstop", "101", "root@pam", true);
        b.finish();
        a.finish();
        assertThat(tasks.archived("pve1")).containsExactly(a, b);
        assertThat(tasks.active("pve1")).containsExactly(c);
        assertThat(tasks.archived("pve2")).isEmpty();
        assertThat(tasks.find("pve1", c.upid().text())).contains(c);
        assertThat(tasks.find("pve2", c.upid().text())).isEmpty();
    }

    @Test
    void aSpawnedWorkerRunsInTheBackgroundAndEndsWithItsExceptionsMessage() throws Exception {
        Task ok = tasks.spawn("pve1", "hamigrate", "100", "root@pam", t -> t.log("Requesting HA migration"));
        Task bad = tasks.spawn("pve1", "qmigrate", "100", "root@pam", t -> {
            throw new IllegalStateException("migration aborted");
        });
        assertThat(ok.awaitEnd(Duration.ofSeconds(5))).isTrue();
        assertThat(bad.awaitEnd(Duration.ofSeconds(5))).isTrue();
        assertThat(ok.lines()).containsExactly("Requesting HA migration", "TASK OK");
        assertThat(bad.exitStatus()).contains("migration aborted");
    }
}
