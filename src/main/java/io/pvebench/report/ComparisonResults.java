package io.pvebench.report;

import io.pvebench.assess.RunComparison;
import io.pvebench.assess.RunComparison.Change;
import io.pvebench.measure.Quantities;
import io.pvebench.run.RunFolderReader;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A run held against a baseline ({@link RunComparison}) as Allure 2 results, written the way
 * {@link AllureResults} writes a run's: one test per metric and case group in the suite
 * {@value #SUITE}, passed when unchanged, improved or only changed (a metric with no direction),
 * failed when regressed (its message starts {@code regressed:}, which puts it in the category
 * {@value #REGRESSIONS}), skipped when measured in one run only; both means, the difference, the
 * relative change, Hedges' g, Welch's p and the repetitions as parameters, each repetition's
 * value in the description. Also {@code categories.json} and {@code environment.properties}
 * (the two runs, the settings, what changed in their environments).
 *
 * <p>The folder is the comparison's own: writing replaces what an earlier comparison wrote there
 * (known by the file {@value #MARKER}) and refuses a folder that holds anything else.
 */
public final class ComparisonResults {

    /** The folder in RUN that {@code pvebench compare} writes to unless told otherwise. */
    public static final String FOLDER = "compare-allure-results";
    /** The suite of every test of a comparison. */
    public static final String SUITE = "comparison";
    /** The Allure category of the regressions. */
    public static final String REGRESSIONS = "Regressions";
    /** Marks a folder as a comparison's, so the next comparison may replace it. */
    static final String MARKER = ".pvebench-compare";

    /**
     * What was compared.
     *
     * @param pipeline           the run's pipeline (the tests' epic)
     * @param baseline           the baseline run's folder name
     * @param run                the run's folder name
     * @param settings           the noise threshold and significance level
     * @param environmentChanges what differs in the runs' environments, one line each
     * @param at                 when the comparison was made
     */
    public record Compared(String pipeline, String baseline, String run, RunComparison.Settings settings,
                           List<String> environmentChanges, Instant at) {
        public Compared {
            environmentChanges = List.copyOf(environmentChanges);
        }

        /** What {@code comparison} compared; the pipeline from the run's summary, else the run folder's name. */
        public static Compared of(BaselineComparison comparison, Instant at) {
            String run = name(comparison.run());
            String pipeline = Files.isRegularFile(comparison.run().resolve("summary.json"))
                    ? RunFolderReader.summary(comparison.run()).path("pipeline").asText() : "";
            return new Compared(pipeline.isEmpty() ? run : pipeline, name(comparison.baseline()), run,
                    comparison.settings(), comparison.environmentChanges(), at);
        }

        private static String name(Path folder) {
            return folder.toAbsolutePath().normalize().getFileName().toString();
        }
    }

    private ComparisonResults() {
    }

    /** Whether {@code dir} may be written: missing, empty, or an earlier comparison's. */
    public static boolean writable(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            return !files.iterator().hasNext() || Files.exists(dir.resolve(MARKER));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes the comparison's results into {@code dir}, replacing an earlier comparison's.
     *
     * @throws IllegalArgumentException when {@code dir} is not {@link #writable}
     * @throws UncheckedIOException     when a file cannot be written
     */
    public static void write(Path dir, Compared what, List<Change> changes) {
        if (!writable(dir)) {
            throw new IllegalArgumentException(dir + " holds files that pvebench compare did not write");
        }
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, Files::isRegularFile)) {
                for (Path file : old) {
                    Files.delete(file);
                }
            }
            Files.createFile(dir.resolve(MARKER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AllureResults.writeCategories(dir, "allure-compare-categories.json");
        Properties env = new Properties();
        env.setProperty("baseline", what.baseline());
        env.setProperty("run", what.run());
        env.setProperty("noise", percent(what.settings().noise()));
        env.setProperty("alpha", String.valueOf(what.settings().alpha()));
        env.setProperty("environmentChanges", what.environmentChanges().isEmpty() ? "none"
                : String.join("; ", what.environmentChanges()));
        AllureResults.writeEnvironment(dir, env, "pvebench compare " + what.baseline() + " " + what.run());
        FileSystemResultsWriter writer = new FileSystemResultsWriter(dir);
        for (Change change : changes) {
            writer.write(test(what, change));
        }
    }

    private static TestResult test(Compared what, Change c) {
        String cell = CellNames.of(c.group());
        String id = what.pipeline() + "/" + SUITE + "/" + c.metric() + "/" + cell;
        List<Label> labels = new ArrayList<>(List.of(AllureResults.label("epic", what.pipeline()),
                AllureResults.label("parentSuite", what.pipeline()), AllureResults.label("suite", SUITE),
                AllureResults.label("subSuite", cell), AllureResults.label("tag", outcome(c)),
                AllureResults.label("framework", "pvebench")));
        if (c.group().containsKey("vmSpec")) {
            labels.add(AllureResults.label("feature", c.group().get("vmSpec")));
        }
        if (c.group().containsKey("scenario")) {
            labels.add(AllureResults.label("story", c.group().get("scenario")));
        }
        long when = what.at().toEpochMilli();
        return new TestResult()
                .setUuid(UUID.randomUUID().toString())
                .setHistoryId(id)
                .setTestCaseId(id)
                .setName(c.metric() + " [" + cell + "]")
                .setFullName(what.pipeline() + "." + SUITE + "." + c.metric() + " [" + cell + "]")
                .setDescription(description(what, c))
                .setLabels(labels)
                .setParameters(parameters(c))
                .setStatus(status(c.outcome()))
                .setStatusDetails(new StatusDetails().setMessage(outcome(c) + ": " + c.why()))
                .setStage(Stage.FINISHED)
                .setStart(when)
                .setStop(when);
    }

    private static List<Parameter> parameters(Change c) {
        String unit = c.unit();
        boolean both = c.baseline().length > 0 && c.run().length > 0;
        List<Parameter> out = new ArrayList<>();
        out.add(parameter("baseline", c.baseline().length == 0 ? "-" : Quantities.format(c.baselineMean(), unit)));
        out.add(parameter("run", c.run().length == 0 ? "-" : Quantities.format(c.runMean(), unit)));
        double difference = c.runMean() - c.baselineMean();
        out.add(parameter("difference", !both ? "-"
                : (difference >= 0 ? "+" : "-") + Quantities.format(Math.abs(difference), unit)));
        out.add(parameter("relative", Double.isNaN(c.relative()) ? "-"
                : String.format(Locale.ROOT, "%+.1f %%", c.relative() * 100)));
        out.add(parameter("effect size (Hedges' g)", c.effect().isPresent()
                ? String.format(Locale.ROOT, "%.2f", c.effect().getAsDouble()) : "-"));
        out.add(parameter("p (Welch)", c.p().isPresent() ? String.format(Locale.ROOT, "%.4f", c.p().getAsDouble())
                : "-"));
        out.add(parameter("repetitions", c.baseline().length + " / " + c.run().length));
        return out;
    }

    /** The verdict and why, then each repetition's value in both runs. */
    private static String description(Compared what, Change c) {
        String unit = c.unit();
        StringBuilder text = new StringBuilder("**").append(outcome(c)).append("**: ").append(c.why())
                .append("\n\n")
                .append("| repetition | ").append(what.baseline()).append(" | ").append(what.run()).append(" |\n")
                .append("|---|---|---|\n");
        for (int i = 0; i < Math.max(c.baseline().length, c.run().length); i++) {
            text.append("| ").append(i + 1).append(" | ")
                    .append(i < c.baseline().length ? Quantities.format(c.baseline()[i], unit) : "-").append(" | ")
                    .append(i < c.run().length ? Quantities.format(c.run()[i], unit) : "-").append(" |\n");
        }
        return text.toString();
    }

    private static String outcome(Change c) {
        return c.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static Status status(RunComparison.Outcome outcome) {
        return switch (outcome) {
            case REGRESSED -> Status.FAILED;
            case IMPROVED, UNCHANGED, CHANGED -> Status.PASSED;
            case ONLY_IN_BASELINE, ONLY_IN_RUN -> Status.SKIPPED;
        };
    }

    private static Parameter parameter(String name, String value) {
        return new Parameter().setName(name).setValue(value);
    }

    private static String percent(double fraction) {
        return Quantities.format(fraction * 100, "count") + " %";
    }
}
