package io.pvebench.ha;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds {@link HaFacts} for tests: nodes of 64 GiB with 8 GiB used, one vote, LRM active; shared storage {@code ceph}. */
final class Facts {

    static final long GIB = 1024L * 1024 * 1024;
    static final Duration BOOT = Duration.ofSeconds(30);

    private final List<HaNode> nodes = new ArrayList<>();
    private final List<HaVm> vms = new ArrayList<>();
    private final List<HaStorage> storages = new ArrayList<>(List.of(HaStorage.sharedEverywhere("ceph"),
            HaStorage.local("local-lvm")));
    private final List<NodeAffinity> nodeAffinities = new ArrayList<>();
    private final List<ResourceAffinity> resourceAffinities = new ArrayList<>();
    private QuorumSetup quorum;
    private String master;
    private Arming arming = Arming.armed();
    private CrsMode crs = CrsMode.BASIC;

    Facts nodes(String... names) {
        for (String n : names) {
            node(HaNode.of(n, 64 * GIB, 8 * GIB, 0));
        }
        return this;
    }

    Facts node(HaNode node) {
        nodes.add(node);
        return this;
    }

    Facts qdevice() {
        quorum = new QuorumSetup(nodes.size() + 1, 1, false);
        return this;
    }

    Facts quorum(QuorumSetup q) {
        quorum = q;
        return this;
    }

    Facts master(String node) {
        master = node;
        return this;
    }

    Facts arming(Arming a) {
        arming = a;
        return this;
    }

    Facts crs(CrsMode mode) {
        crs = mode;
        return this;
    }

    /** A started 4 GiB VM on shared storage. */
    Facts vm(String sid, String node) {
        return vm(HaVm.started(sid, node, 4 * GIB, BOOT, new VmDisk("scsi0", "ceph")));
    }

    Facts vm(HaVm vm) {
        vms.add(vm);
        return this;
    }

    Facts storage(HaStorage s) {
        storages.add(s);
        return this;
    }

    Facts affinity(NodeAffinity a) {
        nodeAffinities.add(a);
        return this;
    }

    Facts affinity(ResourceAffinity a) {
        resourceAffinities.add(a);
        return this;
    }

    HaFacts build() {
        QuorumSetup q = quorum != null ? quorum
                : QuorumSetup.plain(nodes.stream().mapToInt(HaNode::votes).sum());
        return new HaFacts(nodes, q, Optional.ofNullable(master), arming, crs, vms, storages, nodeAffinities,
                resourceAffinities);
    }

    /** The prediction for {@code sid} when {@code failed} fails. */
    static FailoverPrediction when(HaFacts facts, String failed, String sid) {
        return new FailoverPredictor().predict(facts).stream()
                .filter(p -> p.failedNode().equals(failed) && p.sid().equals(sid)).findFirst()
                .orElseThrow(() -> new AssertionError("no prediction for " + sid + " when " + failed + " fails"));
    }
}
