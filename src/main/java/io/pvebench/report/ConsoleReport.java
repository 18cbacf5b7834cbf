package io.pvebench.report;

import io.pvebench.assess.Verdict;
import io.pvebench.measure.Quantities;
import io.pvebench.pipeline.CasePlan;
import io.pvebench.run.CaseResult;
import io.pvebench.run.Notice;
import io.pvebench.run.RunInfo;
import io.pvebench.run.RunListener;
import io.pvebench.run.RunResult;
import io.pvebench.run.StepRecord;
import io.pvebench.run.StepStatus;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a person watching the terminal sees: the run's header, each case's progress
 * (i/N, stage, ETA from the mean duration of finished cases), and at the end a
 * one-screen table of verdicts and key metrics.
 */
public final class ConsoleReport implements RunListener {

    /** The metrics shown in the summary table, in this order, when a case has them. */
    private static final List<String> KEY_METRICS = List.of("throughput", "rtt_avg", "rtt_max", "packet_loss");

    private final PrintStream out;
    private final Clock clock;
    private Instant runStart;
    private int finished;
    private int total;

    public ConsoleReport(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void runStarted(RunInfo run) {
        runStart = clock.instant();
        total = run.cases().size();
        out.printf("pvebench run %s%n  pipeline %s, cluster %s, seed %d, %d case(s)%n  folder %s%n", run.runId(),
                run.source(), run.cluster(), run.seed(), total, run.folder());
    }

    @Override
    public void notice(Notice notice) {
        out.printf("  %s%s: %s%n", notice.warning() ? "WARNING " : "", notice.stage(), notice.text());
    }

    @Override
    public void caseStarted(CasePlan plan, int index, int total) {
        out.printf("[%d/%d] %s%s%n", index, total, plan.id(), eta());
    }

    @Override
    public void stepFinished(CasePlan plan, StepRecord step) {
        String mark = step.status() == StepStatus.PASSED ? "ok" : step.status().name().toLowerCase(Locale.ROOT);
        out.printf("      %-9s %-6s %s%s%n", step.name(), mark, seconds(Duration.between(step.start(), step.end())),
                step.detail().isEmpty() ? "" : "  " + step.detail());
    }

    @Override
    public void caseFinished(CaseResult result) {
        finished++;
        out.printf("      => %s %s%s%n", result.plan().id(), result.assessment().verdict().name(),
                result.assessment().reason().isEmpty() ? "" : ": " + result.assessment().reason());
    }

    @Override
    public void runFinished(RunResult result) {
        out.println();
        out.printf("%-24s %-8s %14s %10s %10s %8s%n", "case", "verdict", "throughput", "rtt avg", "rtt max", "loss");
        for (CaseResult c : result.cases()) {
            CaseMetrics metrics = CaseMetrics.of(c.samples());
            StringBuilder row = new StringBuilder(String.format("%-24s %-8s", c.plan().id(),
                    c.assessment().verdict().name()));
            int[] widths = {14, 10, 10, 8};
            for (int i = 0; i < KEY_METRICS.size(); i++) {
                CaseMetrics.Summary s = metrics.byMetric().get(KEY_METRICS.get(i));
                row.append(' ').append(String.format("%" + widths[i] + "s",
                        s == null ? "-" : Quantities.format(s.value(), s.unit())));
            }
            out.println(row);
        }
        if (!result.sweep().isEmpty()) {
            out.printf("%n%s (best first per load)%n", SweepTable.TITLE.toLowerCase(Locale.ROOT));
            SweepTable.lines(SweepTable.rows(result.sweep())).forEach(out::println);
            out.println("recommendation: " + SweepTable.recommendation(result.sweep()));
        }
        long statisticsNotPassed = result.statistics().stream().filter(s -> s.verdict() != Verdict.PASS).count();
        out.printf("%nverdict %s after %s%s%n", result.verdict().name(),
                seconds(Duration.between(runStart == null ? result.info().start() : runStart, clock.instant())),
                statisticsNotPassed == 0 ? "" : " (" + statisticsNotPassed
                        + " objective(s) on statistics across repetitions did not pass, see below)");
    }

    private String eta() {
        if (finished == 0 || runStart == null) {
            return "";
        }
        Duration perCase = Duration.between(runStart, clock.instant()).dividedBy(finished);
        return "  (ETA " + seconds(perCase.multipliedBy(total - finished)) + ")";
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
