package io.pvebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.assess.ObjectiveResult;
import io.pvebench.assess.StatisticResult;
import io.pvebench.run.CaseResult;
import io.pvebench.run.RunResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What judging a run again changed: its verdict, each case's verdict, and each objective
 * (on a case, or on a statistic of a matrix cell) whose verdict changed, appeared or went,
 * between the {@code summary.json} written before ({@link SummaryJson}'s format) and the run
 * as judged now. Objectives are matched by metric (and statistic and cell), not by bound, so
 * a tightened bound shows as the same objective with a new result. Pure.
 *
 * @param runBefore the run's verdict before ({@code pass}, {@code fail}, ...)
 * @param runAfter  the run's verdict now
 * @param cases     one per case whose verdict changed, or that has an objective whose did
 * @param statistics one line per objective on a statistic whose verdict changed
 * @param unchangedCases how many cases kept their verdict and every objective's
 */
public record VerdictChanges(String runBefore, String runAfter, List<CaseChange> cases, List<String> statistics,
                             int unchangedCases) {

    /**
     * One case's change.
     *
     * @param objectives one line per objective whose verdict changed:
     *                   {@code throughput: pass (>= 9 Gbit/s) -> fail (throughput 9.21 Gbit/s < min 9.4 Gbit/s)}
     */
    public record CaseChange(String id, String before, String after, List<String> objectives) {

        public CaseChange {
            objectives = List.copyOf(objectives);
        }
    }

    public VerdictChanges {
        cases = List.copyOf(cases);
        statistics = List.copyOf(statistics);
    }

    /** The changes from {@code before} (a {@code summary.json}) to {@code now}. */
    public static VerdictChanges between(JsonNode before, RunResult now) {
        Map<String, JsonNode> casesBefore = new HashMap<>();
        before.path("cases").forEach(c -> casesBefore.put(c.path("id").asText(), c));
        List<CaseChange> cases = new ArrayList<>();
        int unchanged = 0;
        for (CaseResult c : now.cases()) {
            JsonNode old = casesBefore.get(c.plan().id());
            String was = old == null ? "none" : old.path("verdict").asText();
            String is = c.assessment().verdict().id();
            List<String> objectives = objectiveChanges(old, c.assessment().objectives());
            if (was.equals(is) && objectives.isEmpty()) {
                unchanged++;
            } else {
                cases.add(new CaseChange(c.plan().id(), was, is, objectives));
            }
        }
        return new VerdictChanges(before.path("verdict").asText(), now.verdict().id(), cases,
                statisticChanges(before.path("statistics"), now.statistics()), unchanged);
    }

    /** Whether any verdict changed. */
    public boolean any() {
        return !runBefore.equals(runAfter) || !cases.isEmpty() || !statistics.isEmpty();
    }

    /** What a person reads: the run's verdict, then each changed case and objective, indented. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (CaseChange c : cases) {
            out.add("case " + c.id() + ": " + upper(c.before()) + " -> " + upper(c.after()));
            c.objectives().forEach(o -> out.add("    " + o));
        }
        statistics.forEach(s -> out.add("statistic " + s));
        out.add(unchangedCases + " case(s) unchanged");
        out.add("verdict " + upper(runBefore) + " -> " + upper(runAfter));
        return out;
    }

    private static List<String> objectiveChanges(JsonNode caseBefore, List<ObjectiveResult> now) {
        Map<String, JsonNode> before = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        if (caseBefore != null) {
            caseBefore.path("objectives").forEach(o -> before.put(occurrence(o.path("metric").asText(), seen), o));
        }
        seen.clear();
        List<String> out = new ArrayList<>();
        for (ObjectiveResult r : now) {
            String key = occurrence(r.objective().metric().id(), seen);
            JsonNode old = before.remove(key);
            String is = r.verdict().id() + " (" + r.message() + ")";
            if (old == null) {
                out.add(r.objective().metric().id() + " " + r.objective().written() + ": new, " + is);
            } else if (!old.path("verdict").asText().equals(r.verdict().id())) {
                out.add(r.objective().metric().id() + ": " + old.path("verdict").asText() + " ("
                        + old.path("bound").asText() + ") -> " + r.objective().written() + " " + is);
            }
        }
        before.forEach((key, old) -> out.add(old.path("metric").asText() + " " + old.path("bound").asText()
                + ": " + old.path("verdict").asText() + " -> no longer an objective"));
        return out;
    }

    private static List<String> statisticChanges(JsonNode before, List<StatisticResult> now) {
        Map<String, JsonNode> old = new LinkedHashMap<>();
        before.forEach(s -> {
            Map<String, String> cell = new TreeMap<>();
            s.path("cell").fields().forEachRemaining(e -> cell.put(e.getKey(), e.getValue().asText()));
            old.put(s.path("objective").asText() + " [" + CellNames.of(cell) + "]", s);
        });
        List<String> out = new ArrayList<>();
        for (StatisticResult r : now) {
            String key = r.objective().key() + " [" + CellNames.of(r.group()) + "]";
            JsonNode was = old.remove(key);
            String is = r.verdict().id() + " (" + r.message() + ")";
            if (was == null) {
                out.add(key + " " + r.objective().written() + ": new, " + is);
            } else if (!was.path("verdict").asText().equals(r.verdict().id())) {
                out.add(key + ": " + was.path("verdict").asText() + " (" + was.path("bound").asText() + ") -> "
                        + r.objective().written() + " " + is);
            }
        }
        old.forEach((key, was) -> out.add(key + " " + was.path("bound").asText() + ": "
                + was.path("verdict").asText() + " -> no longer an objective"));
        return out;
    }

    /** {@code metric}, or {@code metric#2} for its second objective in one case. */
    private static String occurrence(String metric, Map<String, Integer> seen) {
        int n = seen.merge(metric, 1, Integer::sum);
        return n == 1 ? metric : metric + "#" + n;
    }

    private static String upper(String verdict) {
        return verdict.toUpperCase(Locale.ROOT);
    }
}
