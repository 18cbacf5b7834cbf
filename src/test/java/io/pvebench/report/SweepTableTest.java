package io.pvebench.report;

import io.pvebench.balance.BalanceScore;
import io.pvebench.balance.BalancerKind;
import io.pvebench.balance.Hold;
import io.pvebench.balance.SweepResult;
import io.pvebench.balance.SweepSetting;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class SweepTableTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static SweepResult result(double threshold, String load, Duration toBalance, int migrations, int thrash) {
        BalanceScore score = new BalanceScore(T0, T0.plusSeconds(300), 0.9, toBalance == null ? 0.8 : 0.02, 0.6,
                toBalance == null ? 0.5 : 0.05, Optional.ofNullable(toBalance), migrations, 0, thrash,
                thrash > 0 ? List.of(121) : List.of(), Map.of(), OptionalDouble.empty());
        return new SweepResult(new SweepSetting(BalancerKind.THRESHOLD_POLICY, threshold,
                Hold.lasting(Duration.ofSeconds(30)), 5), load, score);
    }

    @Test
    void rowsAreRankedWithinEachLoadInTheOrderLoadsFirstRan() {
        List<Map<String, Object>> rows = SweepTable.rows(List.of(
                result(70, "normal", null, 0, 0),
                result(50, "heavy", Duration.ofSeconds(80), 1, 0),
                result(30, "normal", Duration.ofSeconds(70), 1, 0),
                result(30, "heavy", Duration.ofSeconds(60), 3, 1)));

        assertThat(rows).extracting(r -> r.get("load") + "#" + r.get("rank") + " " + r.get("setting"))
                .containsExactly(
                        "normal#1 threshold 30 % with hold 30 s, margin 5 % (pvebench threshold policy)",
                        "normal#2 threshold 70 % with hold 30 s, margin 5 % (pvebench threshold policy)",
                        // faster, but moving a VM back and forth ranks below a clean balance
                        "heavy#1 threshold 50 % with hold 30 s, margin 5 % (pvebench threshold policy)",
                        "heavy#2 threshold 30 % with hold 30 s, margin 5 % (pvebench threshold policy)");
        assertThat(rows.get(1)).containsEntry("balanced", false).containsEntry("timeToBalanceS", null);
    }

    @Test
    void csvAndHtmlCarryEveryRowAndTheRecommendation() {
        List<SweepResult> results = List.of(result(30, "normal", Duration.ofSeconds(70), 1, 0));
        List<Map<String, Object>> rows = SweepTable.rows(results);

        assertThat(SweepTable.csv(rows)).startsWith("load,rank,setting,balanced,time_to_balance_s,")
                .contains("normal,1,\"threshold 30 % with hold 30 s, margin 5 % (pvebench threshold policy)\",true,70.0,");
        assertThat(SweepTable.html(rows, SweepTable.recommendation(results)))
                .contains("<b>Recommendation:</b> threshold 30 % with hold 30 s, margin 5 %").contains("<td>70 s</td>");
        assertThat(SweepTable.lines(rows)).hasSize(2);
    }

    @Test
    void cpusLeftIdleWhileGuestsWaitAreShownAndRankedBelowACleanBalance() {
        BalanceScore clean = new BalanceScore(T0, T0.plusSeconds(300), 0.9, 0.1, 0.6, 0.1,
                Optional.of(Duration.ofSeconds(90)), 4, 0, 0, List.of(), Map.of(), OptionalDouble.of(0.2));
        BalanceScore stranded = new BalanceScore(T0, T0.plusSeconds(300), 0.9, 0.1, 0.6, 0.1,
                Optional.of(Duration.ofSeconds(60)), 3, 0, 0, List.of(), Map.of(), OptionalDouble.of(3.04));
        SweepSetting crs = new SweepSetting(BalancerKind.NATIVE_CRS, 30, Hold.rounds(3), 10);
        SweepSetting lower = new SweepSetting(BalancerKind.NATIVE_CRS, 20, Hold.rounds(3), 10);
        List<SweepResult> results = List.of(new SweepResult(crs, "heavy", stranded),
                new SweepResult(lower, "heavy", clean));
        List<Map<String, Object>> rows = SweepTable.rows(results);

        // faster, but leaving three CPUs idle beside waiting guests ranks below a balance that does not
        assertThat(rows).extracting(r -> r.get("setting") + " " + r.get("strandedCpu")).containsExactly(
                "threshold 20 % with hold 3 rounds, margin 10 % (native CRS) 0.2",
                "threshold 30 % with hold 3 rounds, margin 10 % (native CRS) 3.0");
        assertThat(SweepTable.lines(rows).get(0)).endsWith("stranded");
        assertThat(SweepTable.lines(rows).get(2)).endsWith("3.0 CPUs");
        assertThat(SweepTable.csv(rows)).contains(",thrash,stranded_cpu\n").contains(",0,0,3.0\n");
        assertThat(SweepTable.html(rows, SweepTable.recommendation(results)))
                .contains("<th>CPUs idle while guests wait</th>").contains("<td>3.0 CPUs</td>");
        assertThat(SweepTable.recommendation(List.of(new SweepResult(crs, "heavy", stranded))))
                .contains("but left 3 CPUs idle while guests on another node waited for one under heavy load");
    }
}
