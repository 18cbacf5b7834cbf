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

import static org.assertj.core.api.Assertions.assertThat;

class SweepTableTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static SweepResult result(double threshold, String load, Duration toBalance, int migrations, int thrash) {
        BalanceScore score = new BalanceScore(T0, T0.plusSeconds(300), 0.9, toBalance == null ? 0.8 : 0.02, 0.6,
                toBalance == null ? 0.5 : 0.05, Optional.ofNullable(toBalance), migrations, 0, thrash,
                thrash > 0 ? List.of(121) : List.of(), Map.of());
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
}
