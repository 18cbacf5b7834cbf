package io.pvebench.stage;

import io.pvebench.run.RunResult;

/**
 * Ends the run: announces the finished run to every listener (summary, JUnit XML,
 * Allure results and HTML, console). The listeners do the writing.
 */
public final class ReportStage {

    public void run(RunContext run) {
        run.events().runFinished(new RunResult(run.info(), run.environment(), run.results(), run.clock().instant()));
    }
}
