package io.pvebench.report;

import io.pvebench.assess.RunComparison;
import io.pvebench.run.UnreadableRunException;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunFolderReader;
import io.pvebench.run.RunListener;
import io.pvebench.run.RunResult;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Holds a finished run against the baseline its pipeline names, as {@code pvebench compare} would:
 * prints the comparison under the run's summary and writes it as Allure results into the run's
 * {@value ComparisonResults#FOLDER}, which the HTML report renders beside the cases (register this
 * listener after {@link SummaryJson} and before {@link AllureHtmlReport}). With no earlier passing run
 * yet (a pipeline's first night) it says so and judges nothing. A baseline that cannot be read is a
 * note, not a broken run: the run's own results stand.
 */
public final class BaselineCheck implements RunListener {

    private final Path runFolder;
    private final Optional<Path> baseline;
    private final RunComparison.Settings settings;
    private final PrintStream console;
    private final Clock clock;
    private volatile BaselineComparison comparison;
    private volatile String note;

    /** @param baseline a fixed run folder, or empty for the newest earlier passing run beside this one */
    public BaselineCheck(Path runFolder, Optional<Path> baseline, RunComparison.Settings settings, PrintStream console,
                         Clock clock) {
        this.runFolder = runFolder;
        this.baseline = baseline;
        this.settings = settings;
        this.console = console;
        this.clock = clock;
    }

    @Override
    public void runFinished(RunResult result) {
        try {
            Optional<Path> against = baseline.or(() -> RunFolderReader.lastPassingBefore(runFolder));
            if (against.isEmpty()) {
                note = "no earlier passing run of " + result.info().pipeline() + " on " + result.info().cluster()
                        + " beside this one: nothing to compare with yet";
                console.println("compare: " + note);
                return;
            }
            BaselineComparison compared = BaselineComparison.of(against.get(), runFolder, settings);
            console.println();
            compared.print(console, false);
            comparison = compared;
            ComparisonResults.write(runFolder.resolve(ComparisonResults.FOLDER),
                    ComparisonResults.Compared.of(compared, clock.instant()), compared.changes());
            RunFolder.JSON.writeValue(runFolder.resolve(RunFolder.BASELINE_VERDICT).toFile(), Map.of(
                    "baseline", against.get().toAbsolutePath().normalize().getFileName().toString(),
                    "regressed", compared.regressed(), "counts", compared.counts()));
        } catch (IOException e) {
            note = "the comparison with the baseline is not kept: " + e.getMessage();
            console.println("compare: " + note);
        } catch (UnreadableRunException | UncheckedIOException e) {
            note = "not compared with the baseline: " + e.getMessage();
            console.println("compare: " + note);
        }
        console.flush();
    }

    /** The comparison made, or empty when there was none (no baseline yet, or it could not be read). */
    public Optional<BaselineComparison> comparison() {
        return Optional.ofNullable(comparison);
    }

    /** Why there is no comparison, when there is none. */
    public Optional<String> note() {
        return Optional.ofNullable(note);
    }
}
