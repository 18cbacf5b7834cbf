package io.pvebench.report;

import io.pvebench.run.RunFolder;
import io.pvebench.run.RunInfo;
import io.pvebench.run.RunListener;
import io.pvebench.run.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders the HTML report when the run has finished, after {@link AllureResults} has
 * written the last result (register it after that listener). The trend charts show earlier runs
 * of the same pipeline on the same cluster: {@link AllureHistory} is copied into the results
 * before Allure renders and kept from the new report after; an {@code executor.json} (unless one
 * is there already) labels the run's trend point with its run folder and a running number. A
 * report that cannot be rendered, or whose history cannot be kept, is not a failed run: the
 * outcome says why, and the results stay on disk.
 */
public final class AllureHtmlReport implements RunListener {

    private final Path runFolder;
    private final Path historyFolder;
    private final int historyRuns;
    private volatile AllureHtml.Outcome outcome;

    /**
     * A report whose history keeps the last {@value AllureHistory#DEFAULT_RUNS} runs in
     * {@code .history} beside the run folder.
     */
    public AllureHtmlReport(Path runFolder) {
        this(runFolder, runFolder.toAbsolutePath().getParent().resolve(AllureHistory.FOLDER),
                AllureHistory.DEFAULT_RUNS);
    }

    /**
     * @param runFolder     the run's folder
     * @param historyFolder where the trend history of every cluster and pipeline is kept
     * @param historyRuns   how many runs the history keeps
     */
    public AllureHtmlReport(Path runFolder, Path historyFolder, int historyRuns) {
        this.runFolder = runFolder;
        this.historyFolder = historyFolder;
        this.historyRuns = historyRuns;
    }

    /**
     * The report of a run rendered again after it was judged again ({@code pvebench report}): its
     * trend is the one it was first rendered with (the {@code history/} its results kept) and the
     * history store is left alone, since the run has its point there already.
     */
    public static AllureHtmlReport renderedAgain(Path runFolder) {
        return new AllureHtmlReport(runFolder, null, 0);
    }

    /**
     * What Allure shows as the run's executor; {@code buildOrder} numbers the trend points.
     *
     * @param name       who ran it
     * @param type       the executor's kind (Allure picks an icon by it; unknown kinds get none)
     * @param buildName  the run folder's name
     * @param buildOrder the run's number in its history, 1 for the first
     * @param reportName the pipeline and its cluster
     */
    record Executor(String name, String type, String buildName, int buildOrder, String reportName) {
    }

    @Override
    public void runFinished(RunResult result) {
        if (historyFolder == null) {
            outcome = AllureHtml.generate(runFolder);
            return;
        }
        RunInfo run = result.info();
        AllureHistory history = AllureHistory.of(historyFolder, run.cluster(), run.pipeline(), historyRuns);
        Path results = runFolder.resolve(AllureResults.FOLDER);
        String notKept = null;
        try {
            history.copyInto(results);
            Path executor = results.resolve("executor.json");
            if (!Files.exists(executor)) {
                RunFolder.JSON.writeValue(executor.toFile(), new Executor("pvebench", "pvebench",
                        runFolder.getFileName().toString(), history.nextBuildOrder(),
                        run.pipeline() + " on " + run.cluster()));
            }
        } catch (IOException e) {
            notKept = "earlier runs left out of the trend charts: cannot read " + history.folder() + ": "
                    + e.getMessage();
        }
        AllureHtml.Outcome rendered = AllureHtml.generate(runFolder);
        // a history that could not be read is not overwritten with this run's alone
        if (rendered.generated() && notKept == null) {
            try {
                history.keepFrom(rendered.report().getParent());
            } catch (IOException e) {
                rendered = rendered.withNote("the trend history is not kept in " + history.folder() + ": "
                        + e.getMessage());
            }
        }
        outcome = notKept == null ? rendered : rendered.withNote(notKept);
    }

    /** What rendering did, or null before the run finished. */
    public AllureHtml.Outcome outcome() {
        return outcome;
    }
}
