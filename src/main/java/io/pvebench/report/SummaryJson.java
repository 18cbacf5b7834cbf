package io.pvebench.report;

import io.pvebench.assess.ObjectiveResult;
import io.pvebench.assess.StatisticResult;
import io.pvebench.run.CaseResult;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunInfo;
import io.pvebench.run.RunResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes {@code summary.json}, the results contract users script against (documented in
 * README): pipeline, runId, start/end, verdict, environment, per case its id, parameters,
 * verdict, reason, metrics and objectives, and at the end each objective on a statistic
 * across repetitions per matrix cell. Rewritten after every case, so a crash leaves the
 * cases finished so far.
 */
public final class SummaryJson extends RewrittenAfterEachCase {

    private final RunFolder folder;

    public SummaryJson(RunFolder folder) {
        this.folder = folder;
    }

    @Override
    void write(RunResult run, boolean complete) {
        RunInfo info = run.info();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("pipeline", info.pipeline());
        root.put("runId", info.runId());
        // absolute: judging the run again (pvebench report) finds the cluster file beside it from anywhere
        root.put("source", info.source().toAbsolutePath().normalize().toString());
        root.put("cluster", info.cluster());
        root.put("seed", info.seed());
        root.put("start", info.start());
        root.put("end", complete ? run.end() : null);
        root.put("verdict", complete ? run.verdict().id() : "running");
        root.put("plannedCases", info.cases().size());
        root.put("environment", run.environment());
        root.put("cases", run.cases().stream().map(SummaryJson::caseEntry).toList());
        root.put("statistics", run.statistics().stream().map(SummaryJson::statisticEntry).toList());
        if (!run.sweep().isEmpty()) {
            root.put("balanceSweep", Map.of("ranking", SweepTable.rows(run.sweep()),
                    "recommendation", SweepTable.recommendation(run.sweep())));
        }
        folder.writeJson("summary.json", root);
    }

    private static Map<String, Object> caseEntry(CaseResult c) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", c.plan().id());
        entry.put("parameters", Parameters.of(c.plan()));
        entry.put("verdict", c.assessment().verdict().id());
        entry.put("reason", c.assessment().reason());
        entry.put("start", c.start());
        entry.put("end", c.end());
        Map<String, Object> metrics = new LinkedHashMap<>();
        CaseMetrics.of(c.samples()).byMetric().forEach((name, s) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", s.value());
            m.put("unit", s.unit());
            if (s.count() > 1) {
                m.put("min", s.min());
                m.put("max", s.max());
                m.put("count", s.count());
            }
            metrics.put(name, m);
        });
        entry.put("metrics", metrics);
        entry.put("objectives", c.assessment().objectives().stream().map(SummaryJson::objectiveEntry).toList());
        entry.put("steps", c.steps().stream().map(s -> {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("name", s.name());
            step.put("status", s.status().name().toLowerCase(java.util.Locale.ROOT));
            step.put("detail", s.detail());
            return step;
        }).toList());
        return entry;
    }

    private static Map<String, Object> statisticEntry(StatisticResult r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("objective", r.objective().key());
        o.put("bound", r.objective().written());
        o.put("metric", r.objective().metric().id());
        o.put("statistic", r.objective().statistic().id());
        o.put("cell", CellNames.ordered(r.group()));
        o.put("value", r.observed());
        o.put("unit", r.objective().metric().unit());
        o.put("repetitions", r.repetitions());
        o.put("verdict", r.verdict().id());
        o.put("reason", r.message());
        return o;
    }

    private static Map<String, Object> objectiveEntry(ObjectiveResult r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("metric", r.objective().metric().id());
        o.put("bound", r.objective().written());
        o.put("verdict", r.verdict().id());
        o.put("observed", r.observed());
        o.put("message", r.message());
        return o;
    }
}
