package io.pvebench.stage;

import io.pvebench.run.RunResult;

/**
 * Ends the run: checks the objectives on statistics across repetitions (through
 * {@code assess}) and announces the finished run to every listener (summary, JUnit XML,
 * Allure results and HTML, console). The listeners do the writing.
 */
public final class ReportStage {

    public void run(RunContext run) {
        run.events().runFinished(result(run));
    }

    /**
     * The run as it ends: its finished cases, and each objective on a statistic checked once
     * per matrix cell over the samples of the cases that did not break, so that every report
     * shows the same results and the same verdict.
     */
    public static RunResult result(RunContext run) {
        RunResult cases = new RunResult(run.info(), run.environment(), run.results(), run.clock().instant());
        return cases.withStatisticsChecked(run.pipeline().statisticObjectives()).withSweep(run.sweepResults());
    }
}
