package io.pvebench.run;

import io.pvebench.assess.StatisticCheck;
import io.pvebench.assess.StatisticResult;
import io.pvebench.assess.Verdict;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.StatisticObjective;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished run, or a run as it stands while reports are rewritten after each case.
 *
 * @param info        what was known at the start
 * @param environment facts about the cluster read in preflight (PVE version, nodes)
 * @param cases       every case that ran (a run broken in preflight has all cases broken)
 * @param end         when it ended
 * @param statistics  the pipeline's objectives on statistics across repetitions, checked once
 *                    per matrix cell when the run ended; empty before that, or when the
 *                    pipeline has none
 */
public record RunResult(RunInfo info, Map<String, String> environment, List<CaseResult> cases, Instant end,
                        List<StatisticResult> statistics, List<io.pvebench.balance.SweepResult> sweep) {

    public RunResult {
        // insertion order kept, so files written from it read the same in every run
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        cases = List.copyOf(cases);
        statistics = List.copyOf(statistics);
        sweep = List.copyOf(sweep);
    }

    /** A run without balancer results. */
    public RunResult(RunInfo info, Map<String, String> environment, List<CaseResult> cases, Instant end,
                     List<StatisticResult> statistics) {
        this(info, environment, cases, end, statistics, List.of());
    }

    /** The run before any objective on a statistic has been checked. */
    public RunResult(RunInfo info, Map<String, String> environment, List<CaseResult> cases, Instant end) {
        this(info, environment, cases, end, List.of());
    }

    /** This run with its objectives on statistics checked. */
    public RunResult withStatistics(List<StatisticResult> checked) {
        return new RunResult(info, environment, cases, end, checked, sweep);
    }

    /**
     * This run with each of {@code objectives} checked once per matrix cell over the samples of
     * the cases that did not break ({@link #unbrokenSamples}), the bootstrap seeded with the
     * run's seed: how a run's statistics are judged when it ends and when it is judged again, so
     * that every report shows the same results and the same verdict.
     */
    public RunResult withStatisticsChecked(List<StatisticObjective> objectives) {
        return withStatistics(StatisticCheck.checkCells(objectives, unbrokenSamples(), info.seed()));
    }

    /** This run with how each case's balancer did (a threshold sweep when the settings differ). */
    public RunResult withSweep(List<io.pvebench.balance.SweepResult> results) {
        return new RunResult(info, environment, cases, end, statistics, results);
    }

    /**
     * The samples of every case that was not broken, in case order: what statistics across
     * repetitions are computed from, since a broken case's numbers describe the fault that
     * broke it, not the cluster.
     */
    public List<Sample> unbrokenSamples() {
        List<Sample> samples = new ArrayList<>();
        for (CaseResult c : cases) {
            if (c.assessment().verdict() != Verdict.BROKEN) {
                samples.addAll(c.samples());
            }
        }
        return samples;
    }

    /**
     * The run's verdict over every case and every objective on a statistic: a statistic that
     * fails fails the run even when each case passed on its own.
     */
    public Verdict verdict() {
        List<Verdict> verdicts = new ArrayList<>();
        cases.forEach(c -> verdicts.add(c.assessment().verdict()));
        statistics.forEach(s -> verdicts.add(s.verdict()));
        return Verdict.overall(verdicts);
    }
}
