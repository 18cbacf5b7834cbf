package io.pvebench.sim.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Guest programs raise guest and node load, smoothed like pvestatd, deterministically. */
class LoadModelTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T08:00:03Z"));
    private final ClusterModel model = ManualClock.twoNodes(clock, 7);

    private static GuestLoad.Demand cpu(double workers) {
        return new GuestLoad.Demand(workers, workers, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void cpuWorkersRaiseGuestAndNodeCpuOnceASamplePeriodHasPassed() {
        double idleNode = model.nodeStats("pve1").cpu();
        model.startLoad(100, "stress-ng", Duration.ofMinutes(5), cpu(4));
        clock.advance(Duration.ofSeconds(25));
        assertThat(model.vmStats(100).cpu()).isGreaterThan(0.55);
        double busyNode = model.nodeStats("pve1").cpu();
        // 4 of 16 cores plus overhead
        assertThat(busyNode).isGreaterThan(idleNode + 0.2).isLessThan(0.4);
        assertThat(model.nodeStats("pve2").cpu()).isLessThan(0.05);
    }

    @Test
    void heavierLoadMeansHigherNodeCpuAndLongerRoundTrips() {
        VmInfo a = model.vm(100).orElseThrow();
        VmInfo b = model.vm(101).orElseThrow();
        double[] cpu = new double[3];
        double[] rtt = new double[3];
        double[] workers = {0, 1, 4};
        for (int level = 0; level < 3; level++) {
            model.stopLoad(100, "stress-ng");
            model.stopLoad(101, "stress-ng");
            model.startLoad(100, "stress-ng", null, cpu(workers[level]));
            model.startLoad(101, "stress-ng", null, cpu(workers[level]));
            clock.advance(Duration.ofSeconds(20));
            cpu[level] = model.nodeStats("pve1").cpu();
            rtt[level] = meanRtt(a, b, level);
        }
        assertThat(cpu[0]).isLessThan(cpu[1]);
        assertThat(cpu[1]).isLessThan(cpu[2]);
        assertThat(rtt[0]).isLessThan(rtt[1]);
        assertThat(rtt[1]).isLessThan(rtt[2]);
    }

    @Test
    void oversubscribedNodeGivesEveryGuestLessThanItAsksAndSlowsItsNetwork() {
        model.startLoad(100, "stress-ng", null, cpu(4));
        model.startLoad(102, "stress-ng", null, cpu(8));
        assertThat(model.nodeLoad("pve1").share()).isEqualTo(1.0);
        model.startLoad(103, "stress-ng", null, cpu(8));
        // 20 vCPUs busy on 16 cores
        LoadModel.NodeLoad node = model.nodeLoad("pve1");
        assertThat(node.utilization()).isEqualTo(1.0);
        assertThat(node.share()).isLessThan(0.8);
        assertThat(model.vmLoad(103).cpuUsed()).isLessThan(6.5);
        VmInfo a = model.vm(100).orElseThrow();
        NetworkModel.PathLoad busy = model.pathLoad(a, model.vm(101).orElseThrow());
        // a core's share still moves a 10 Gbit/s stream; twice as many workers as vCPUs in the guest do not
        assertThat(model.network().streamBitsPerSecond(NetworkModel.Path.CROSS_NODE, 1, busy)[0])
                .isGreaterThan(9.3e9);
        model.startLoad(100, "anomaly", null, cpu(4));
        NetworkModel.PathLoad path = model.pathLoad(model.vm(100).orElseThrow(), model.vm(101).orElseThrow());
        assertThat(model.network().streamBitsPerSecond(NetworkModel.Path.CROSS_NODE, 1, path)[0]).isLessThan(9.3e9);
    }

    @Test
    void vmStressorRaisesDirtyRateAndMemory() {
        double idle = model.dirtyBytesPerSecond(100);
        long idleMem = model.vmLoad(100).memUsed();
        model.startLoad(100, "stress-ng", Duration.ofMinutes(1),
                new GuestLoad.Demand(2, 2, 0, 2L << 30, 2 * 1.6 * (1L << 30), 0, 0, 0, 0, 0));
        assertThat(idle).isLessThan(4e6);
        assertThat(model.dirtyBytesPerSecond(100)).isGreaterThan(3e9);
        assertThat(model.vmLoad(100).memUsed()).isEqualTo(idleMem + (2L << 30));
        clock.advance(Duration.ofMinutes(2));
        assertThat(model.dirtyBytesPerSecond(100)).isEqualTo(idle);
    }

    @Test
    void loadavgFollowsTheKernelsExponentialAverage() {
        model.startLoad(100, "stress-ng", null, cpu(4));
        clock.advance(Duration.ofMinutes(1));
        double[] oneMinute = model.guestLoadavg(100);
        // after 60 s at 4 runnable: 1-minute average reaches 1 - 1/e of the way
        assertThat(oneMinute[0]).isCloseTo(4 * (1 - Math.exp(-1)), within(0.1));
        assertThat(oneMinute[1]).isLessThan(oneMinute[0]);
        clock.advance(Duration.ofMinutes(30));
        assertThat(model.guestLoadavg(100)[0]).isCloseTo(4.05, within(0.05));
    }

    @Test
    void diskAndNetworkCountersGrowWithLoad() {
        long before = model.vmStats(100).diskwrite();
        model.startLoad(100, "fio", Duration.ofSeconds(30),
                new GuestLoad.Demand(1, 0.2, 1, 0, 0, 0, 100e6, 2_000, 0, 0));
        clock.advance(Duration.ofSeconds(40));
        long after = model.vmStats(100).diskwrite();
        assertThat(after - before).isGreaterThan(2_900_000_000L).isLessThan(3_200_000_000L);
    }

    @Test
    void rttGrowsWithTheLoadOfTheGuestsOnThePath() {
        VmInfo a = model.vm(100).orElseThrow();
        VmInfo b = model.vm(101).orElseThrow();
        double idle = meanRtt(a, b, 1);
        model.startLoad(100, "stress-ng", null, cpu(4));
        model.startLoad(101, "stress-ng", null, cpu(4));
        double heavy = meanRtt(a, b, 1);
        assertThat(heavy).isGreaterThan(idle * 1.5);
        assertThat(heavy).isLessThan(1_000);
    }

    private double meanRtt(VmInfo a, VmInfo b, long seed) {
        Random r = new Random(seed);
        double sum = 0;
        for (int i = 0; i < 2_000; i++) {
            sum += model.rttMicros(a, b, r);
        }
        return sum / 2_000;
    }

    @Test
    void sameSeedAndStepsGiveTheSameNumbers() {
        ClusterModel other = ManualClock.twoNodes(clock, 7);
        for (ClusterModel m : new ClusterModel[] {model, other}) {
            m.startLoad(100, "stress-ng", Duration.ofMinutes(1), cpu(2));
        }
        clock.advance(Duration.ofSeconds(20));
        assertThat(model.vmStats(100)).isEqualTo(other.vmStats(100));
        assertThat(model.nodeStats("pve1")).isEqualTo(other.nodeStats("pve1"));
        assertThat(model.guestLoadavg(100)).isEqualTo(other.guestLoadavg(100));
    }
}
