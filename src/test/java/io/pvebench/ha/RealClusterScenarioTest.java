package io.pvebench.ha;

import static io.pvebench.ha.Facts.GIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.ha.FailoverPrediction.Outcome;
import io.pvebench.proxmox.HaStatus;
import io.pvebench.proxmox.PvecmStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The predictor on facts read from real published outputs (test resources, SOURCES.md), mapped
 * the way the HA preflight stage is meant to map them. What the outputs do not carry (memory,
 * disks) is filled in and said so.
 */
class RealClusterScenarioTest {

    private static String read(String relative) {
        try (InputStream in = RealClusterScenarioTest.class.getResourceAsStream("/outputs/proxmox/" + relative)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static QuorumSetup quorumOf(PvecmStatus s) {
        return new QuorumSetup(s.expectedVotes(), s.qdeviceVotes().orElse(0), s.twoNode());
    }

    @Test
    void theTwoNodeClusterWithQdeviceFromTheGuideRecoversAVmWhicheverNodeFails() {
        PvecmStatus pvecm = PvecmStatus.parse(read("pvecm-status/pve8-2node-qdevice.txt"));
        // pvecm names members by address; the guide's nodes are those two addresses here
        List<HaNode> nodes = pvecm.members().stream()
                .map(m -> new HaNode(m.name(), m.votes(), true, false, true, 32 * GIB, 4 * GIB, 1)).toList();
        HaVm vm = HaVm.started("vm:100", "10.0.99.2", 4 * GIB, Duration.ofSeconds(20), new VmDisk("scsi0", "nfs"));
        HaFacts facts = new HaFacts(nodes, quorumOf(pvecm), Optional.of("10.0.99.3"), Arming.notReported(),
                CrsMode.BASIC, List.of(vm), List.of(HaStorage.sharedEverywhere("nfs")), List.of(), List.of());

        FailoverPrediction p = Facts.when(facts, "10.0.99.2", "vm:100");

        assertThat(quorumOf(pvecm)).isEqualTo(new QuorumSetup(3, 1, false));
        assertThat(p.outcome()).isEqualTo(Outcome.RESTARTS);
        assertThat(p.target()).contains("10.0.99.3");
        assertThat(p.survivors()).singleElement().satisfies(s -> assertThat(s.render())
                .isEqualTo("10.0.99.3 stays up: keeps quorum (2 of 3 votes)"));
    }

    @Test
    void theThreeNodeLabClusterKeepsQuorumButItsStoppedVmHasNothingToRestart() {
        PvecmStatus pvecm = PvecmStatus.parse(read("pvecm-status/pve9.2-3node-quorate.txt"));
        HaStatus ha = HaStatus.parse(read("ha-manager-status/pve9.2-3node-dynamic-crs.txt"));
        List<HaNode> nodes = ha.lrms().stream()
                .map(l -> new HaNode(l.node(), 1, true, false, l.active(), 16 * GIB, 4 * GIB, 0)).toList();
        HaStatus.Service service = ha.services().get(0);
        // the CRM keeps a service 'stopped' only when its requested state is stopped
        HaVm vm = new HaVm(service.sid(), service.node(), "stopped", service.state(), 2 * GIB, List.of(),
                Duration.ofSeconds(30), 1, 1);
        HaFacts facts = new HaFacts(nodes, quorumOf(pvecm), ha.master().map(HaStatus.Master::node),
                ha.fencing().filter(HaStatus.Fencing::armed).map(f -> Arming.armed()).orElseThrow(), CrsMode.DYNAMIC,
                List.of(vm), List.of(), List.of(), List.of());

        FailoverPrediction p = Facts.when(facts, "pve2", "vm:200");

        assertThat(p.render()).isEqualTo(
                "pve2 fails ⇒ vm:200: no recovery: resource state is 'stopped': HA keeps it stopped, nothing to restart");
        assertThat(p.survivors()).extracting(SurvivorFate::selfFences).containsOnly(false);
    }
}
