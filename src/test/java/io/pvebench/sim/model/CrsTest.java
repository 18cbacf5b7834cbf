package io.pvebench.sim.model;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CrsTest {

    @Test
    void nodeLoadIsTheMeanOfCpuAndMemoryFractions() {
        assertThat(new Crs.NodeUsage(8, 16, 16L << 30, 64L << 30).load()).isCloseTo((0.5 + 0.25) / 2, within(1e-12));
    }

    @Test
    void twoNodesImbalanceIsTheirDifferenceOverTheirSum() {
        assertThat(Crs.imbalance(List.of(0.7, 0.3))).isCloseTo(0.4, within(1e-12));
        assertThat(Crs.imbalance(List.of(0.6, 0.4))).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void imbalanceIsTheCoefficientOfVariationScaledToTheUnitInterval() {
        // all load on one of three nodes: CV sqrt(2), divided by sqrt(2)
        assertThat(Crs.imbalance(List.of(0.9, 0.0, 0.0))).isCloseTo(1.0, within(1e-12));
        assertThat(Crs.imbalance(List.of(0.5, 0.5, 0.5))).isZero();
        assertThat(Crs.imbalance(List.of(0.0, 0.0))).isZero();
        assertThat(Crs.imbalance(List.of(0.8))).isZero();
    }

    @Test
    void bruteforcePicksTheMoveThatLeavesTheLowestImbalance() {
        Map<String, Crs.NodeUsage> nodes = new LinkedHashMap<>();
        nodes.put("pve1", new Crs.NodeUsage(12, 16, 20L << 30, 64L << 30));
        nodes.put("pve2", new Crs.NodeUsage(0, 16, 0, 64L << 30));
        List<Crs.Candidate> candidates = List.of(
                new Crs.Candidate("vm:101", "pve1", new Crs.GuestUsage(8, 16L << 30), List.of("pve2")),
                new Crs.Candidate("vm:102", "pve1", new Crs.GuestUsage(2, 2L << 30), List.of("pve2")));
        Crs.Move move = Crs.bruteforce(nodes, candidates).orElseThrow();
        assertThat(move.sid()).isEqualTo("vm:101");
        assertThat(move.target()).isEqualTo("pve2");
        // pve1 (4/16 + 4/64)/2 = 0.15625, pve2 (8/16 + 16/64)/2 = 0.375
        assertThat(move.imbalance()).isCloseTo((0.375 - 0.15625) / (0.375 + 0.15625), within(1e-12));
        assertThat(Crs.imbalanceOf(nodes)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aMoveIsWorthItOnlyFromTheMarginOn() {
        assertThat(Crs.worthIt(0.40, 0.36, 0.10)).isTrue();
        assertThat(Crs.worthIt(0.40, 0.37, 0.10)).isFalse();
        assertThat(Crs.worthIt(0.40, 0.45, 0.0)).isFalse();
    }

    @Test
    void settingsReadThresholdAndMarginInPercentWithTheDefaultsOf92() {
        Crs.Settings s = Crs.Settings.parse("ha=dynamic,ha-auto-rebalance=1,ha-auto-rebalance-threshold=25,"
                + "ha-auto-rebalance-margin=5,ha-auto-rebalance-hold-duration=2");
        assertThat(s).isEqualTo(new Crs.Settings("dynamic", true, 0.25, 2, 0.05, "bruteforce"));
        assertThat(Crs.Settings.parse(null)).isEqualTo(Crs.Settings.DEFAULT);
        assertThat(Crs.Settings.parse("ha=static")).isEqualTo(new Crs.Settings("static", false, 0.30, 3, 0.10,
                "bruteforce"));
    }
}
