package io.pvebench.ha;

import static io.pvebench.ha.Facts.BOOT;
import static io.pvebench.ha.Facts.GIB;
import static io.pvebench.ha.Facts.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.ha.FailoverPrediction.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FailoverPredictorTest {

    private final FailoverPredictor predictor = new FailoverPredictor();

    @Test
    void twoNodesWithoutQdeviceLoseQuorumSoNothingIsRecovered() {
        HaFacts facts = new Facts().nodes("pve1", "pve2").vm("vm:101", "pve1").build();

        FailoverPrediction p = when(facts, "pve1", "vm:101");

        assertThat(p.outcome()).isEqualTo(Outcome.NO_RECOVERY);
        assertThat(p.reason()).isEqualTo("2 nodes without QDevice: pve2 keeps 1 of 2 votes, no quorum");
        assertThat(p.render()).isEqualTo(
                "pve1 fails ⇒ vm:101: no recovery: 2 nodes without QDevice: pve2 keeps 1 of 2 votes, no quorum");
    }

    @Test
    void withoutQuorumASurvivorWithAnActiveLrmFencesItselfAndTakesItsOwnVmsDown() {
        HaFacts facts = new Facts().nodes("pve1", "pve2").vm("vm:101", "pve1").vm("vm:102", "pve2").build();

        FailoverPrediction own = when(facts, "pve1", "vm:101");
        FailoverPrediction other = when(facts, "pve1", "vm:102");

        assertThat(own.survivors()).singleElement().satisfies(s -> {
            assertThat(s.node()).isEqualTo("pve2");
            assertThat(s.selfFences()).isTrue();
            assertThat(s.why()).contains("watchdog resets it about 60 s later");
        });
        assertThat(other.outcome()).isEqualTo(Outcome.NO_RECOVERY);
        assertThat(other.reason()).startsWith("its node pve2 loses quorum and fences itself");
    }

    @Test
    void anIgnoredVmGoesDownWithTheSurvivorThatFencesItselfButAStoppedOneIsNotListed() {
        HaFacts facts = new Facts().nodes("pve1", "pve2").vm("vm:101", "pve1")
                .vm(HaVm.started("vm:102", "pve2", 4 * GIB, BOOT).withRequestedState("ignored"))
                .vm(HaVm.started("vm:103", "pve2", 4 * GIB, BOOT).withRequestedState("stopped")).build();

        List<FailoverPrediction> whenPve1Fails = predictor.predict(facts).stream()
                .filter(p -> p.failedNode().equals("pve1")).toList();

        assertThat(whenPve1Fails).extracting(FailoverPrediction::sid).containsExactly("vm:101", "vm:102");
        assertThat(whenPve1Fails.get(1).reason()).startsWith("its node pve2 loses quorum and fences itself");
    }

    @Test
    void aStrictRuleOverSeveralNodesSaysNoneOfThemIsUp() {
        HaFacts facts = new Facts().nodes("pve1", "pve2").node(new HaNode("pve3", 1, true, true, false, 64 * GIB, 0, 0))
                .vm("vm:101", "pve1")
                .affinity(NodeAffinity.rule("pin", Set.of("vm:101"), Map.of("pve1", 1, "pve3", 0), true)).build();

        assertThat(when(facts, "pve1", "vm:101").reason()).isEqualTo(
                "strict node affinity rule 'pin' allows only pve1, pve3, none of them up and out of maintenance");
    }

    @Test
    void aSurvivorWithoutHaWatchdogStaysUpWithoutQuorum() {
        HaFacts facts = new Facts().nodes("pve1").node(new HaNode("pve2", 1, true, false, false, 64 * GIB, 0, 0))
                .vm("vm:101", "pve1").build();

        assertThat(when(facts, "pve1", "vm:101").survivors()).singleElement()
                .satisfies(s -> assertThat(s.selfFences()).isFalse());
    }

    @Test
    void twoNodesWithQdeviceKeepQuorumAndRestartTheVmOnTheOtherNode() {
        HaFacts facts = new Facts().nodes("pve1", "pve2").qdevice().master("pve2").vm("vm:101", "pve1").build();

        FailoverPrediction p = when(facts, "pve1", "vm:101");

        assertThat(p.outcome()).isEqualTo(Outcome.RESTARTS);
        assertThat(p.target()).contains("pve2");
        assertThat(p.survivors()).singleElement().satisfies(s -> {
            assertThat(s.selfFences()).isFalse();
            assertThat(s.why()).isEqualTo("keeps quorum (2 of 3 votes)");
        });
        assertThat(p.render()).isEqualTo("pve1 fails ⇒ vm:101 restarts on pve2 in ~2–3 min");
    }

    @Test
    void threeNodesKeepQuorumAfterOneFailureButNotAfterASecond() {
        HaFacts allUp = new Facts().nodes("pve1", "pve2", "pve3").vm("vm:101", "pve1").build();
        HaFacts oneDown = new Facts().nodes("pve1", "pve2")
                .node(new HaNode("pve3", 1, false, false, false, 64 * GIB, 0, 0)).vm("vm:101", "pve1").build();

        assertThat(when(allUp, "pve1", "vm:101").outcome()).isEqualTo(Outcome.RESTARTS);
        FailoverPrediction second = when(oneDown, "pve1", "vm:101");
        assertThat(second.outcome()).isEqualTo(Outcome.NO_RECOVERY);
        assertThat(second.reason()).isEqualTo("pve2 keeps 1 of 3 votes, quorum needs 2");
    }

    @Test
    void twoNodeModeKeepsTheLoneNodeQuorateAndSaysItIsUnsafe() {
        HaFacts facts = new Facts().nodes("pve1", "pve2").quorum(new QuorumSetup(2, 0, true)).vm("vm:101", "pve1")
                .build();

        FailoverPrediction p = when(facts, "pve1", "vm:101");

        assertThat(p.outcome()).isEqualTo(Outcome.RESTARTS);
        assertThat(p.reason()).contains("two_node").contains("unsafe");
    }

    @Test
    void basicCrsSendsEachRecoveredVmToTheNodeWithFewestGuestsCountingEarlierRecoveries() {
        HaFacts facts = new Facts().nodes("pve1", "pve2", "pve3").vm("vm:101", "pve1").vm("vm:102", "pve1").build();

        FailoverPrediction first = when(facts, "pve1", "vm:101");
        FailoverPrediction second = when(facts, "pve1", "vm:102");

        assertThat(first.target()).contains("pve2");
        assertThat(first.uncertainty()).hasValueSatisfying(u -> assertThat(u).contains("tie with pve3"));
        assertThat(second.target()).contains("pve3");
        assertThat(second.reason()).isEqualTo("fewest counted guests (0)");
    }

    @Test
    void basicCrsPrefersTheLessBusyNode() {
        HaFacts facts = new Facts().nodes("pve1").node(HaNode.of("pve2", 64 * GIB, 8 * GIB, 5))
                .node(HaNode.of("pve3", 64 * GIB, 8 * GIB, 2)).vm("vm:101", "pve1").build();

        FailoverPrediction p = when(facts, "pve1", "vm:101");

        assertThat(p.target()).contains("pve3");
        assertThat(p.uncertainty()).isEmpty();
    }

    @Test
    void staticCrsIsEstimatedByFreeMemoryAndSaysSo() {
        HaFacts facts = new Facts().nodes("pve1").node(HaNode.of("pve2", 64 * GIB, 60 * GIB, 0))
                .node(HaNode.of("pve3", 64 * GIB, 8 * GIB, 9)).crs(CrsMode.STATIC).vm("vm:101", "pve1").build();

        FailoverPrediction p = when(facts, "pve1", "vm:101");

        assertThat(p.target()).contains("pve3");
        assertThat(p.reason()).isEqualTo("most free memory (56 GiB)");
        assertThat(p.uncertainty()).hasValueSatisfying(u -> assertThat(u).startsWith("static CRS"));
        assertThat(p.render()).endsWith("(uncertain: " + p.uncertainty().orElseThrow() + ")");
    }

    @Test
    void strictNodeAffinityToTheFailedNodeLeavesNowhereToGo() {
        HaFacts facts = new Facts().nodes("pve1", "pve2", "pve3").vm("vm:101", "pve1")
                .affinity(NodeAffinity.rule("pin", Set.of("vm:101"), Map.of("pve1", 0), true)).build();

        FailoverPrediction p = when(facts, "pve1", "vm:101");

        assertThat(p.outcome()).isEqualTo(Outcome.NO_RECOVERY);
        assertThat(p.reason()).isEqualTo("strict node affinity rule 'pin' allows only pve1");
    }

    @Test
    void nonStrictNodeAffinityFallsBackToAnyOtherNode() {
        HaFacts facts = new Facts().nodes("pve1", "pve2", "pve3").vm("vm:101", "pve1")
                .affinity(NodeAffinity.rule("prefer", Set.of("vm:101"), Map.of("pve1", 0), false)).build();

        FailoverPrediction p = when(facts, "pve1", "vm:101");

        assertThat(p.outcome()).isEqualTo(Outcome.RESTARTS);
        assertThat(p.target()).contains("pve2");
        assertThat(p.reason()).startsWith("node affinity rule 'prefer' prefers pve2, pve3 (none of its nodes is up)");
    }

    @Test
    void theHighestPriorityNodeWinsOverTheLessBusyOne() {
        HaFacts facts = new Facts().nodes("pve1").node(HaNode.of("pve2", 64 * GIB, 8 * GIB, 0))
                .node(HaNode.of("pve3", 64 * GIB, 8 * GIB, 7)).vm("vm:101", "pve1")
                .affinity(NodeAffinity.rule("order", Set.of("vm:101"), Map.of("pve1", 3, "pve3", 2, "pve2", 1), true))
                .build();

        FailoverPrediction p = when(facts, "pve1", "vm:101");

        assertThat(p.target()).contains("pve3");
        assertThat(p.reason()).startsWith("node affinity rule 'order' prefers pve3 (priority 2)");
    }

    @Test
    void aRestrictedGroupIsNamedAsAGroup() {
        HaFacts facts = new Facts().nodes("pve1", "pve2").qdevice().vm("vm:101", "pve1")
                .affinity(NodeAffinity.group("g1", Set.of("vm:101"), Map.of("pve1", 0), true)).build();

        assertThat(when(facts, "pve1", "vm:101").reason()).isEqualTo("HA group 'g1' is restricted to pve1");
    }

    @Test
    void negativeResourceAffinityKeepsItOffTheNodeOfItsPartner() {
        HaFacts facts = new Facts().nodes("pve1", "pve2", "pve3").vm("vm:101", "pve1").vm("vm:102", "pve3")
                .affinity(ResourceAffinity.apart("keep-apart", "vm:101", "vm:102")).build();

        FailoverPrediction p = when(facts, "pve1", "vm:101");

        assertThat(p.target()).contains("pve2");
    }

    @Test
    void negativeResourceAffinityWithTheOnlySurvivorLeavesNoNode() {
        HaFacts facts = new Facts().nodes("pve1", "pve2").qdevice().vm("vm:101", "pve1").vm("vm:102", "pve2")
                .affinity(ResourceAffinity.apart("keep-apart", "vm:101", "vm:102")).build();

        FailoverPrediction p = when(facts, "pve1", "vm:101");

        assertThat(p.outcome()).isEqualTo(Outcome.NO_RECOVERY);
        assertThat(p.reason()).isEqualTo("no allowed node is free of its negative affinity partners:"
                + " vm:102 runs on pve2 (negative resource affinity rule 'keep-apart')");
    }

    @Test
    void positiveResourceAffinityRecoversPartnersTogether() {
        HaFacts facts = new Facts().nodes("pve1", "pve2", "pve3").vm("vm:101", "pve1").vm("vm:102", "pve1")
                .affinity(ResourceAffinity.together("pair", "vm:101", "vm:102")).build();

        FailoverPrediction first = when(facts, "pve1", "vm:101");
        FailoverPrediction second = when(facts, "pve1", "vm:102");

        assertThat(second.target()).isEqualTo(first.target());
        assertThat(second.reason()).isEqualTo("positive resource affinity keeps it with its partners on pve2");
    }

    @Test
    void whenNoSurvivorHasTheMemoryTheStartFailsAndItEndsInError() {
        HaFacts facts = new Facts().nodes("pve1").node(HaNode.of("pve2", 16 * GIB, 10 * GIB, 0))
                .node(HaNode.of("pve3", 16 * GIB, 12 * GIB, 0))
                .vm(HaVm.started("vm:101", "pve1", 16 * GIB, BOOT, new VmDisk("scsi0", "ceph"))).build();

        FailoverPrediction p = when(facts, "pve1", "vm:101");

        assertThat(p.outcome()).isEqualTo(Outcome.NO_RECOVERY);
        assertThat(p.reason()).isEqualTo("no surviving node it may use has 16 GiB free: start fails on"
                + " pve2 (6 GiB free, vm:101 needs 16 GiB), then pve3 (4 GiB free, vm:101 needs 16 GiB);"
                + " after max_relocate 1 it stays in 'error'");
        assertThat(p.uncertainty()).hasValueSatisfying(u -> assertThat(u).contains("overcommit"));
    }

    @Test
    void aFailedStartForMemoryRelocatesToTheNextNodeAndTakesLonger() {
        HaFacts facts = new Facts().nodes("pve1").node(HaNode.of("pve2", 16 * GIB, 10 * GIB, 0))
                .node(HaNode.of("pve3", 64 * GIB, 8 * GIB, 3))
                .vm(HaVm.started("vm:101", "pve1", 16 * GIB, BOOT, new VmDisk("scsi0", "ceph"))).build();

        FailoverPrediction p = when(facts, "pve1", "vm:101");

        assertThat(p.target()).contains("pve3");
        assertThat(p.reason()).contains("after no surviving node it may use has 16 GiB free: start fails on pve2");
        // 110–140 s, + (max_restart 1 + 1) rounds and a relocation round = 30 s, + 30 s boot
        assertThat(p.window()).hasValueSatisfying(w -> {
            assertThat(w.earliest()).isEqualTo(Duration.ofSeconds(170));
            assertThat(w.latest()).isEqualTo(Duration.ofSeconds(200));
        });
    }

    @Test
    void aDiskOnLocalStorageCannotBeStartedElsewhere() {
        HaFacts facts = new Facts().nodes("pve1", "pve2", "pve3")
                .vm(HaVm.started("vm:101", "pve1", 4 * GIB, BOOT, new VmDisk("efidisk0", "ceph"),
                        new VmDisk("scsi0", "local-lvm"))).build();

        FailoverPrediction p = when(facts, "pve1", "vm:101");

        assertThat(p.outcome()).isEqualTo(Outcome.NO_RECOVERY);
        assertThat(p.reason()).isEqualTo("disk scsi0 is on local storage local-lvm of pve1");
    }

    @Test
    void aSharedStorageMissingOnTheChosenNodeMakesItRelocate() {
        HaFacts facts = new Facts().nodes("pve1", "pve2").node(HaNode.of("pve3", 64 * GIB, 8 * GIB, 4))
                .storage(new HaStorage("nfs", true, Set.of("pve1", "pve3")))
                .vm(HaVm.started("vm:101", "pve1", 4 * GIB, BOOT, new VmDisk("scsi0", "nfs"))).build();

        FailoverPrediction p = when(facts, "pve1", "vm:101");

        assertThat(p.target()).contains("pve3");
        assertThat(p.reason()).contains("start fails on pve2 (disk scsi0 is on storage nfs, which pve2 does not have)");
    }

    @Test
    void aDisarmedHaStackRecoversNothing() {
        HaFacts facts = new Facts().nodes("pve1", "pve2", "pve3").arming(Arming.disarmed("freeze"))
                .vm(HaVm.started("vm:101", "pve1", 4 * GIB, BOOT, new VmDisk("scsi0", "ceph")).withCrmState("freeze"))
                .build();

        FailoverPrediction p = when(facts, "pve1", "vm:101");

        assertThat(p.outcome()).isEqualTo(Outcome.NO_RECOVERY);
        assertThat(p.reason()).isEqualTo("HA is disarmed (resource mode freeze): nothing is fenced or recovered");
    }

    @Test
    void fencingOnStandbyIsReportedAsNoRecoveryWithItsDoubt() {
        HaFacts facts = new Facts().nodes("pve1", "pve2", "pve3")
                .arming(new Arming(Arming.State.STANDBY, java.util.Optional.empty())).vm("vm:101", "pve1").build();

        FailoverPrediction p = when(facts, "pve1", "vm:101");

        assertThat(p.reason()).startsWith("fencing is on standby");
        assertThat(p.uncertainty()).isPresent();
    }

    @Test
    void resourcesHaDoesNotRunAreNotRecoveredAndSayWhy() {
        HaVm base = HaVm.started("vm:101", "pve1", 4 * GIB, BOOT, new VmDisk("scsi0", "ceph"));
        HaFacts facts = new Facts().nodes("pve1", "pve2", "pve3")
                .vm(base.withRequestedState("ignored"))
                .vm(new HaVm("vm:102", "pve1", "stopped", "stopped", 0, List.of(), BOOT, 1, 1))
                .vm(HaVm.started("vm:103", "pve1", 4 * GIB, BOOT).withCrmState("error")).build();

        assertThat(when(facts, "pve1", "vm:101").reason()).isEqualTo("resource state is 'ignored': HA does not manage it");
        assertThat(when(facts, "pve1", "vm:102").reason()).startsWith("resource state is 'stopped'");
        assertThat(when(facts, "pve1", "vm:103").reason()).startsWith("HA has it in 'error' state");
    }

    @Test
    void aVmIsListedOnlyUnderFailuresThatAffectIt() {
        HaFacts facts = new Facts().nodes("pve1", "pve2", "pve3").vm("vm:101", "pve1").build();

        List<FailoverPrediction> all = predictor.predict(facts);

        assertThat(all).extracting(FailoverPrediction::failedNode).containsExactly("pve1");
    }

    @Test
    void theWindowIsLockExpiryPlusOneCrmAndOneLrmRoundPlusBoot() {
        HaFacts facts = new Facts().nodes("pve1", "pve2", "pve3").master("pve2").vm("vm:101", "pve1").build();

        RecoveryWindow w = when(facts, "pve1", "vm:101").window().orElseThrow();

        assertThat(w.earliest()).isEqualTo(Duration.ofSeconds(110 + 30));
        assertThat(w.latest()).isEqualTo(Duration.ofSeconds(140 + 30));
        assertThat(w.arithmetic()).contains("agent lock free 110–120 s").contains("+ boot 30 s");
        assertThat(w.rounded()).isEqualTo("~2–3 min");
    }

    @Test
    void losingTheCrmMasterAddsTheManagerLockAndAFreshFenceDelay() {
        HaFacts facts = new Facts().nodes("pve1", "pve2", "pve3").master("pve1").vm("vm:101", "pve1").build();

        RecoveryWindow w = when(facts, "pve1", "vm:101").window().orElseThrow();

        assertThat(w.earliest()).isEqualTo(Duration.ofSeconds(170 + 30));
        assertThat(w.latest()).isEqualTo(Duration.ofSeconds(210 + 30));
        assertThat(w.arithmetic()).startsWith("failed node was the CRM master");
        assertThat(w.rounded()).isEqualTo("~3–4 min");
    }
}
