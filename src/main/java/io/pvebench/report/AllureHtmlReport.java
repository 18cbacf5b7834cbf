package io.pvebench.report;

import io.pvebench.run.RunListener;
import io.pvebench.run.RunResult;
import java.nio.file.Path;

/**
 * Renders the HTML report when the run has finished, after {@link AllureResults} has
 * written the last result (register it after that listener). A report that cannot be
 * rendered is not a failed run: the outcome says why, and the results stay on disk.
 */
public final class AllureHtmlReport implements RunListener {

    private final Path runFolder;
    private volatile AllureHtml.Outcome outcome;

    public AllureHtmlReport(Path runFolder) {
        this.runFolder = runFolder;
    }

    @Override
    public void runFinished(RunResult result) {
        outcome = AllureHtml.generate(runFolder);
    }

    /** What rendering did, or null before the run finished. */
    public AllureHtml.Outcome outcome() {
        return outcome;
    }
}
