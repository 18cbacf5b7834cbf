package io.pvebench.sim.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock the test moves by hand, so model time passes only when told. Not thread-safe. */
public final class ManualClock extends Clock {

    private Instant now;

    public ManualClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    /**
     * A two-node model, VM 100 (4 vCPU, 4 GiB) on pve1, 101 (same) on pve2, 102 (8 vCPU,
     * 16 GiB) and 103 (8 vCPU, 8 GiB) on pve1; time scale 1.
     */
    public static ClusterModel twoNodes(ManualClock clock, long seed) {
        return new ClusterModel("sim", VersionProfile.of("9.2"), 2, java.util.List.of(
                new ClusterModel.VmDefinition(100, "vm100", "pve1", 4, 4L << 30),
                new ClusterModel.VmDefinition(101, "vm101", "pve2", 4, 4L << 30),
                new ClusterModel.VmDefinition(102, "vm102", "pve1", 8, 16L << 30),
                new ClusterModel.VmDefinition(103, "vm103", "pve1", 8, 8L << 30)),
                new ModelClock(clock, 1.0), seed);
    }
}
