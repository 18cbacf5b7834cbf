package io.pvebench.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link HaStatus} on {@code ha-manager status} outputs Proxmox users published (SOURCES.md). */
class HaStatusTest {

    @Test
    void before92ThereIsNoFencingLineAndTheLrmLineHasNoWatchdog() {
        HaStatus s = HaStatus.parse(ProxmoxOutput.read("ha-manager-status/pve4-2node.txt"));

        assertThat(s.quorate()).isTrue();
        assertThat(s.master()).hasValueSatisfying(m -> {
            assertThat(m.node()).isEqualTo("proxmox01");
            assertThat(m.state()).isEqualTo("active");
            assertThat(m.crsMode()).isEmpty();
        });
        assertThat(s.fencing()).isEmpty();
        assertThat(s.lrms()).containsExactly(new HaStatus.Lrm("proxmox01", "active", Optional.empty()),
                new HaStatus.Lrm("proxmox02", "active", Optional.empty()));
        assertThat(s.services()).hasSize(4).contains(new HaStatus.Service("vm:102", "proxmox01", "started"));
    }

    @Test
    void pve92ShowsArmedFencingTheWatchdogOfEachLrmAndTheCrsModeDespiteTheImbalanceSuffix() {
        HaStatus s = HaStatus.parse(ProxmoxOutput.read("ha-manager-status/pve9.2-3node-dynamic-crs.txt"));

        assertThat(s.master()).hasValueSatisfying(m -> {
            assertThat(m.node()).isEqualTo("proxmox");
            assertThat(m.crsMode()).contains("dynamic");
            assertThat(m.disarm()).isEmpty();
        });
        assertThat(s.fencing()).hasValueSatisfying(f -> {
            assertThat(f.armed()).isTrue();
            assertThat(f.crmWatchdog()).isEqualTo("active");
        });
        assertThat(s.lrm("pve2")).contains(new HaStatus.Lrm("pve2", "active", Optional.of("watchdog active")));
        assertThat(s.lrm("proxmox")).hasValueSatisfying(l -> assertThat(l.active()).isFalse());
        assertThat(s.services()).containsExactly(new HaStatus.Service("vm:200", "pve2", "stopped"));
    }

    @Test
    void onlyTheNodeRunningServicesHoldsAnActiveLrm() {
        HaStatus s = HaStatus.parse(ProxmoxOutput.read("ha-manager-status/pve9-4node-ct-on-one-node.txt"));

        assertThat(s.lrms()).filteredOn(HaStatus.Lrm::active).extracting(HaStatus.Lrm::node)
                .containsExactly("blue-server");
        assertThat(s.services()).extracting(HaStatus.Service::sid).containsExactly("ct:107", "ct:108");
    }

    @Test
    void aDayOfTheMonthPaddedWithASpaceStillReads() {
        HaStatus s = HaStatus.parse(ProxmoxOutput.read("ha-manager-status/pve9-3node-31-vms-all-lrm-active.txt"));

        assertThat(s.master()).map(HaStatus.Master::node).contains("petunia");
        assertThat(s.lrms()).allMatch(HaStatus.Lrm::active);
        assertThat(s.services()).hasSize(31).filteredOn(sv -> sv.node().equals("dalia")).hasSize(9);
    }

    @Test
    void aDisarmedClusterAndADeadLrmReadAsTheSourcePrintsThem() {
        // line shapes of pve-ha-manager 5.2.0 Status.pm, not a capture
        HaStatus s = HaStatus.parse("""
                quorum OK
                master pve1 (active, Thu May 21 10:15:02 2026) - disarmed, resource mode: freeze
                fencing disarmed, resource mode: freeze (CRM watchdog released)
                lrm pve1 (disarm mode, watchdog released, Thu May 21 10:15:01 2026)
                lrm pve2 (old timestamp - dead?, watchdog standby, Thu May 21 10:10:01 2026)
                lrm pve3 (unable to read lrm status)
                service vm:100 (pve1, freeze)
                """);

        assertThat(s.master()).flatMap(HaStatus.Master::disarm).contains("disarmed, resource mode: freeze");
        assertThat(s.fencing()).hasValueSatisfying(f -> {
            assertThat(f.armed()).isFalse();
            assertThat(f.resourceMode()).contains("freeze");
            assertThat(f.crmWatchdog()).isEqualTo("released");
        });
        assertThat(s.lrm("pve2")).map(HaStatus.Lrm::state).contains("old timestamp - dead?");
        assertThat(s.lrm("pve3")).map(HaStatus.Lrm::state).contains("unable to read lrm status");
    }

    @Test
    void noQuorumIsReadAndVerboseJsonIsIgnored() {
        HaStatus s = HaStatus.parse("quorum No quorum on node 'pve2'!\nfull cluster state:\n{\"quorum\":{}}\n");

        assertThat(s.quorate()).isFalse();
        assertThat(s.master()).isEmpty();
    }

    @Test
    void anUnknownLineIsNamed() {
        assertThatThrownBy(() -> HaStatus.parse("quorum OK\nipcc_send_rec[1] failed: Connection refused\n"))
                .isInstanceOf(ProxmoxException.class)
                .hasMessageContaining("unknown line 'ipcc_send_rec[1] failed: Connection refused'");
    }

    @Test
    void anAnswerWithoutAQuorumLineIsRefusedWithWhatWasRead() {
        assertThatThrownBy(() -> HaStatus.parse("Permission check failed\n"))
                .isInstanceOf(ProxmoxException.class)
                .hasMessageContaining("unknown line 'Permission check failed'");
        assertThatThrownBy(() -> HaStatus.parse("\n"))
                .isInstanceOf(ProxmoxException.class)
                .hasMessageContaining("no 'quorum' line");
    }
}
