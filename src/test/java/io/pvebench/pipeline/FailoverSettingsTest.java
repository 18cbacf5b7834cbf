package io.pvebench.pipeline;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static io.pvebench.pipeline.Fixtures.broken;
import static io.pvebench.pipeline.Fixtures.pipelineProblems;
import static io.pvebench.pipeline.Fixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;

class FailoverSettingsTest {

    @Test
    void aFailoverReadsItsMethodNodeInterfaceAndTimes() {
        Pipeline p = PipelineLoader.load(valid("failover.yaml"), Fixtures.HOME);

        assertThat(p.failover()).contains(new FailoverSettings(FailoverMethod.LINK, Optional.of("pve2"),
                Optional.of("eno2"), Duration.ofSeconds(5), Duration.ofMinutes(3), FailoverSettings.DEFAULT_HEAL));
        // the load must outlast the failover and its healing
        assertThat(p.measuredTime()).isGreaterThanOrEqualTo(Duration.ofSeconds(5).plusMinutes(3).plusMinutes(10));
    }

    @Test
    void maintenanceNeedsNoOptInForItOnlyMovesGuests() {
        Pipeline p = PipelineLoader.load(valid("failover-maintenance.yaml"), Fixtures.HOME);

        assertThat(p.failover()).hasValueSatisfying(f -> {
            assertThat(f.method()).isEqualTo(FailoverMethod.MAINTENANCE);
            assertThat(f.node()).isEmpty();
            assertThat(f.timeout()).isEqualTo(FailoverSettings.DEFAULT_TIMEOUT);
        });
    }

    @Test
    void aDestructiveMethodIsRefusedUnlessTheClusterFileAllowsIt() {
        Path file = broken("failover-not-allowed.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":6:11: failover method 'corosync' makes a node fail on purpose, which cluster file '"
                        + broken("clusters/no-opt-in.yaml") + "' does not allow\n"
                        + "  hint: set 'allowDestructive: true' in the cluster file to allow it (the failure is undone"
                        + " after the case, and by the next run if pvebench dies), or use method 'maintenance',"
                        + " which only moves HA guests away and back");
    }

    @Test
    void aProtectedNodeIsNeverMadeToFail() {
        Path file = broken("failover-protected.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":7:9: node 'pve1' is protected in cluster file '" + broken("clusters/guarded.yaml")
                        + "': pvebench never makes it fail\n  hint: choose another node, or use method 'maintenance'");
    }

    @Test
    void badValuesAreReportedWithTheirPositionAndAHint() {
        Path file = broken("failover.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":5:11: 'failover.method' must be one of corosync, ha-services, link, maintenance, reset,"
                        + " got 'crash'\n  hint: a crash leaves a node down until someone powers it on; 'reset'"
                        + " fails it the same way and it reboots by itself",
                file + ":6:9: 'failover.node': 'pve9' is not a node of the cluster\n"
                        + "  hint: one of pve1, pve2; without 'node' the node of the spec's first VM fails",
                file + ":7:9: 'failover.link': 'eth0; reboot' is not a network interface name\n"
                        + "  hint: the Linux name of the cluster network's interface, e.g. eno2 or vmbr1",
                file + ":8:12: 'failover.timeout' must be between 10s and 2h, got 1s");
    }
}
