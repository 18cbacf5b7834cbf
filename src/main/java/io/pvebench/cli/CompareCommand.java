package io.pvebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.assess.RunComparison;
import io.pvebench.pipeline.CompareSettings;
import io.pvebench.report.BaselineComparison;
import io.pvebench.report.ComparisonResults;
import io.pvebench.run.RunFolderReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code pvebench compare BASELINE RUN [--noise PCT] [--alpha A] [--all]}: holds a run folder's samples
 * against a baseline run folder's ({@link RunComparison}) and prints, per metric and case group,
 * both means, the change, the test and the verdict; unchanged rows only with {@code --all}. BASELINE
 * {@value #LAST_PASSING} is the newest earlier run of the same pipeline beside RUN whose verdict was
 * pass. The comparison is also written as Allure results ({@link ComparisonResults}), into
 * {@code --allure DIR} or {@value ComparisonResults#FOLDER} in RUN. Exit 1 when anything regressed,
 * 0 otherwise, 2 when a folder has no samples to read, no such baseline exists or DIR holds other
 * files, 3 when the Allure results cannot be written.
 */
@Command(name = "compare", description = "Compare a run with a baseline run: improved, unchanged or regressed, per"
        + " metric and case group; exit 1 on a regression.")
final class CompareCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    static final String LAST_PASSING = CompareSettings.LAST_PASSING;

    @Parameters(index = "0", paramLabel = "BASELINE",
            description = "the baseline's run folder (reports/<run>), or last-passing: the newest earlier passing run"
                    + " of the same pipeline in RUN's folder")
    private Path baseline;

    @Parameters(index = "1", paramLabel = "RUN", description = "the run folder to judge")
    private Path run;

    @Option(names = "--noise", paramLabel = "PERCENT", defaultValue = "5",
            description = "relative change under which nothing counts (default ${DEFAULT-VALUE} %%)")
    private double noisePercent;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05",
            description = "significance level of Welch's test over repetitions (default ${DEFAULT-VALUE})")
    private double alpha;

    @Option(names = "--all", description = "also print the rows that are unchanged")
    private boolean all;

    @Option(names = "--allure", paramLabel = "DIR",
            description = "where the comparison's Allure results go, replacing an earlier comparison's (default: "
                    + ComparisonResults.FOLDER + " in RUN)")
    private Path allure;

    @Override
    public Integer call() {
        if (!(noisePercent >= 0) || !(alpha > 0 && alpha < 1)) {
            throw new InvalidInputException("--noise must be at least 0 and --alpha between 0 and 1, got "
                    + noisePercent + " and " + alpha);
        }
        Path allureDir = allure != null ? allure : run.resolve(ComparisonResults.FOLDER);
        if (!ComparisonResults.writable(allureDir)) {
            throw new InvalidInputException("--allure " + allureDir + " holds files that pvebench compare did not"
                    + " write; name a new or empty folder");
        }
        if (baseline.toString().equals(LAST_PASSING)) {
            baseline = RunFolderReader.lastPassingBefore(run).orElseThrow(() -> {
                JsonNode summary = RunFolderReader.summary(run);
                return new InvalidInputException("no earlier passing run of pipeline '"
                        + summary.path("pipeline").asText() + "' on cluster '" + summary.path("cluster").asText()
                        + "' in " + run.toAbsolutePath().normalize().getParent());
            });
        }
        BaselineComparison comparison = BaselineComparison.of(baseline, run,
                new RunComparison.Settings(noisePercent / 100, alpha));
        comparison.print(main.out, all);
        try {
            ComparisonResults.write(allureDir, ComparisonResults.Compared.of(comparison, Instant.now()),
                    comparison.changes());
            main.out.println("allure results " + allureDir);
        } catch (UncheckedIOException e) {
            main.out.flush();
            main.err.println("pvebench: cannot write the comparison's Allure results to " + allureDir + ": "
                    + e.getCause().getMessage());
            return Main.EXIT_BROKEN;
        }
        main.out.flush();
        return comparison.regressed() ? Main.EXIT_FAIL : Main.EXIT_PASS;
    }
}
