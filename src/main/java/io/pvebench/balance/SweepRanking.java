package io.pvebench.balance;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Ranks the results of a threshold sweep and words a recommendation from them. Stateless.
 *
 * <p>The rule, best first: a setting that balanced beats one that did not; then fewer failed
 * migrations; then less thrash; then fewer CPUs left idle while guests elsewhere waited (whole
 * CPUs, so noise in the load averages does not decide); then, among those that balanced, the shorter time to balance
 * (among those that did not, the lower imbalance at the end); then fewer migrations; then the
 * lower imbalance at the end. Failures and thrash come before speed because they disturb guests
 * for nothing: a setting that balances fast by moving guests back and forth is not one to
 * recommend. The setting's description breaks remaining ties, so the order is deterministic.
 */
public final class SweepRanking {

    private static final Comparator<SweepResult> RULE = Comparator
            .comparing((SweepResult r) -> !r.score().balanced())
            .thenComparingInt(r -> r.score().failedMigrations())
            .thenComparingInt(r -> r.score().thrash())
            .thenComparingLong(r -> Math.round(r.score().strandedCpuAfter().orElse(0)))
            .thenComparing(r -> r.score().timeToBalance().orElse(Duration.ZERO))
            .thenComparingDouble(r -> r.score().balanced() ? 0 : r.score().imbalanceAfter())
            .thenComparingInt(r -> r.score().migrations())
            .thenComparingDouble(r -> r.score().imbalanceAfter())
            .thenComparing(r -> r.setting().describe());

    private SweepRanking() {
    }

    /** {@code results} best first, by the rule above; loads are not separated. */
    public static List<SweepResult> rank(List<SweepResult> results) {
        return results.stream().sorted(RULE).toList();
    }

    /**
     * One sentence per load level, in the order loads first appear, joined by {@code ; }: the best
     * setting and what it achieved, or that no setting balanced within the longest timeline
     * observed under that load. Empty results give {@code no sweep results}.
     */
    public static String recommend(List<SweepResult> results) {
        if (results.isEmpty()) {
            return "no sweep results";
        }
        Map<String, List<SweepResult>> byLoad = results.stream()
                .collect(Collectors.groupingBy(SweepResult::load, LinkedHashMap::new, Collectors.toList()));
        return byLoad.entrySet().stream().map(e -> sentence(e.getKey(), e.getValue()))
                .collect(Collectors.joining("; "));
    }

    private static String sentence(String load, List<SweepResult> results) {
        SweepResult best = rank(results).get(0);
        BalanceScore score = best.score();
        if (!score.balanced()) {
            Duration longest = results.stream().map(r -> r.score().observed()).max(Comparator.naturalOrder())
                    .orElseThrow();
            return "under " + load + " load no setting balanced within " + Wording.duration(longest);
        }
        StringBuilder text = new StringBuilder(best.setting().describe()).append(": balanced in ")
                .append(Wording.duration(score.timeToBalance().orElseThrow())).append(" with ")
                .append(score.migrations() == 0 ? "no migration" : Wording.count(score.migrations(), "migration"));
        if (score.failedMigrations() > 0 || score.thrash() > 0) {
            text.append(" (").append(score.failedMigrations()).append(" failed, ")
                    .append(score.thrash()).append(" moved back)");
        }
        long stranded = Math.round(score.strandedCpuAfter().orElse(0));
        if (stranded > 0) {
            text.append(", but left ").append(Wording.count(stranded, "CPU"))
                    .append(" idle while guests on another node waited for one");
        }
        return text.append(" under ").append(load).append(" load").toString();
    }
}
