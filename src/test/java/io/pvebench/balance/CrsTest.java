package io.pvebench.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CrsTest {

    @Test
    void nodeLoadIsTheMeanOfCpuAndMemoryFractions() {
        NodeLoad node = new NodeLoad("pve1", 6, 10, 80, 100);

        assertThat(Crs.nodeLoad(node)).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void loadsOfPointSevenAndPointThreeGiveAnImbalanceOfPointFourWhichExceedsTheDefaultThirtyPercent() {
        double imbalance = Crs.imbalance(0.7, 0.3);

        assertThat(imbalance).isCloseTo(0.4, within(1e-12));
        assertThat(Crs.twoNodeImbalance(0.7, 0.3)).isCloseTo(0.4, within(1e-12));
        assertThat(imbalance * 100).isGreaterThan(30);
    }

    @Test
    void loadsOfPointSixAndPointFourGiveAnImbalanceOfPointTwoWhichDoesNotTrigger() {
        double imbalance = Crs.imbalance(0.6, 0.4);

        assertThat(imbalance).isCloseTo(0.2, within(1e-12));
        assertThat(Crs.twoNodeImbalance(0.6, 0.4)).isCloseTo(0.2, within(1e-12));
        assertThat(imbalance * 100).isLessThanOrEqualTo(30);
    }

    @Test
    void forTwoNodesTheGeneralFormulaReducesToTheDifferenceOverTheSum() {
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();

            assertThat(Crs.imbalance(a, b)).isCloseTo(Crs.twoNodeImbalance(a, b), within(1e-12));
        }
    }

    @Test
    void allLoadOnOneOfThreeNodesIsImbalanceOneButARawCoefficientOfVariationOfRootTwo() {
        assertThat(Crs.imbalance(0.9, 0, 0)).isCloseTo(1, within(1e-12));
        assertThat(Crs.rawImbalance(0.9, 0, 0)).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(Crs.rawImbalance(0.9, 0, 0)).isCloseTo(1.41, within(0.01));
    }

    @Test
    void normalisedImbalanceStaysWithinTheUnitInterval() {
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            double[] loads = random.doubles(2 + random.nextInt(30)).map(d -> random.nextBoolean() ? 0 : d).toArray();

            assertThat(Crs.imbalance(loads)).isBetween(0.0, 1.0);
        }
    }

    @Test
    void equalLoadsOneNodeOrNoLoadAtAllAreNotImbalanced() {
        assertThat(Crs.imbalance(0.5, 0.5, 0.5)).isZero();
        assertThat(Crs.imbalance(0.9)).isZero();
        assertThat(Crs.imbalance(0, 0)).isZero();
        assertThat(Crs.rawImbalance(0, 0)).isZero();
        assertThat(Crs.twoNodeImbalance(0, 0)).isZero();
    }

    @Test
    void spreadIsMaxMinusMin() {
        assertThat(Crs.spread(0.2, 0.9, 0.5)).isCloseTo(0.7, within(1e-12));
        assertThat(Crs.spread()).isZero();
    }

    @Test
    void aSnapshotsImbalanceUsesNodeLoadsAndItsCpuSpreadUsesCpuFractions() {
        ClusterSnapshot snapshot = new Cluster().node("pve1", 6, 80).node("pve2", 2, 40).at(0);

        assertThat(snapshot.imbalance()).isCloseTo(Crs.twoNodeImbalance(0.7, 0.3), within(1e-9));
        assertThat(snapshot.cpuSpread()).isCloseTo(0.4, within(1e-9));
        assertThat(snapshot.values(LoadMetric.CRS_LOAD)).containsOnlyKeys("pve1", "pve2")
                .hasEntrySatisfying("pve1", v -> assertThat(v).isCloseTo(0.7, within(1e-9)));
    }

    @Test
    void movingAGuestCarriesItsCurrentUsageToTheTarget() {
        ClusterSnapshot snapshot = new Cluster().node("pve1", 1, 10).node("pve2", 1, 10).vm(101, "pve1", 3, 20).at(0);

        ClusterSnapshot moved = snapshot.withMove(101, "pve2");

        assertThat(moved.node("pve1").orElseThrow().cpuUsed()).isCloseTo(1, within(1e-9));
        assertThat(moved.node("pve2").orElseThrow().cpuUsed()).isCloseTo(4, within(1e-9));
        assertThat(moved.node("pve2").orElseThrow().memoryFraction()).isCloseTo(0.3, within(1e-9));
        assertThat(moved.guest(101).orElseThrow().node()).isEqualTo("pve2");
    }
}
