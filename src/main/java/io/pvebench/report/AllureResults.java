package io.pvebench.report;

import io.pvebench.assess.ObjectiveResult;
import io.pvebench.assess.StatisticResult;
import io.pvebench.assess.Verdict;
import io.pvebench.measure.Quantities;
import io.pvebench.report.timeline.CaseTimelineFiles;
import io.pvebench.run.Attachment;
import io.pvebench.run.CaseResult;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunInfo;
import io.pvebench.run.RunListener;
import io.pvebench.run.RunResult;
import io.pvebench.run.StepRecord;
import io.pvebench.run.StepStatus;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Writes Allure 2 results into {@code allure-results/} with allure-java-commons: one test
 * per case, written as soon as the case finishes, with labels (epic = pipeline, feature =
 * VM spec, story = scenario, host = cluster), parameters, one step per stage carrying its
 * raw outputs, one step per objective, the status from the verdict, and the case's time
 * series as CSV and charts ({@link CaseTimelineFiles}, written into the run folder too). At
 * the end of the run it adds one test per matrix cell and objective on a statistic across
 * repetitions, in the suite {@value #STATISTICS_SUITE} (parameters: the cell's labels, the
 * statistic's value and the repetitions; the per-repetition values in the description); the
 * test "Matrix summary" in a suite of its own, whose description is the table of statistics
 * across repetitions ({@link MatrixSummary#rows}), attached as HTML and CSV; and
 * {@code environment.properties} (cluster facts) and {@code categories.json}.
 */
public final class AllureResults implements RunListener {

    public static final String FOLDER = "allure-results";
    /** The suite of the tests of objectives on statistics, beside the pipeline's cases. */
    public static final String STATISTICS_SUITE = "statistics";
    /** The name and suite of the test that carries the matrix's table. */
    public static final String MATRIX_SUMMARY = "Matrix summary";

    private final RunFolder folder;
    private final AllureResultsWriter writer;
    private final CaseTimelineFiles timelines;
    private RunInfo info;

    public AllureResults(RunFolder folder) {
        this.folder = folder;
        this.writer = new FileSystemResultsWriter(folder.root().resolve(FOLDER));
        this.timelines = new CaseTimelineFiles(folder);
    }

    /**
     * Removes what an earlier writing of {@code runFolder}'s results left in {@value #FOLDER}
     * (each test, container and attachment, the categories and environment), so writing the
     * results again ({@code pvebench report}) does not list each case twice. Anything else there,
     * such as a {@code history/} folder copied in for trends, is kept.
     */
    public static void clear(Path runFolder) {
        Path dir = runFolder.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith("-result.json") || name.endsWith("-container.json") || name.contains("-attachment")
                        || name.equals("categories.json") || name.equals("environment.properties")) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    @Override
    public void runStarted(RunInfo run) {
        this.info = run;
        writeCategories(resultsDir(), "allure-categories.json");
    }

    /** Writes {@code categories.json} into {@code resultsDir} from the resource {@code resource} beside this class. */
    static void writeCategories(Path resultsDir, String resource) {
        try (InputStream categories = AllureResults.class.getResourceAsStream(resource)) {
            Files.createDirectories(resultsDir);
            Files.copy(categories, resultsDir.resolve("categories.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code environment.properties}, the facts Allure shows as the report's environment. */
    static void writeEnvironment(Path resultsDir, Properties env, String comment) {
        try (var out = Files.newBufferedWriter(resultsDir.resolve("environment.properties"))) {
            env.store(out, comment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Written as soon as preflight knows the facts, so a crash later keeps them. */
    @Override
    public void environment(Map<String, String> facts) {
        writeEnvironment(facts);
    }

    @Override
    public void caseFinished(CaseResult result) {
        writer.write(testResult(result, timelines.write(result)));
    }

    @Override
    public void runFinished(RunResult result) {
        for (StatisticResult r : result.statistics()) {
            writer.write(statisticTest(r, result.end().toEpochMilli()));
        }
        writeEnvironment(result.environment());
        writer.write(matrixSummary(result));
        if (!result.sweep().isEmpty()) {
            writer.write(sweepSummary(result));
        }
    }

    /** The balancer's results of every case, ranked per load, with the sweep's recommendation. */
    private TestResult sweepSummary(RunResult run) {
        List<Map<String, Object>> rows = SweepTable.rows(run.sweep());
        String recommendation = SweepTable.recommendation(run.sweep());
        String pipeline = info.pipeline();
        return new TestResult()
                .setUuid(UUID.randomUUID().toString())
                .setHistoryId(pipeline + "/" + SweepTable.TITLE)
                .setTestCaseId(pipeline + "/" + SweepTable.TITLE)
                .setName(SweepTable.TITLE)
                .setFullName(pipeline + "." + SweepTable.TITLE)
                .setDescriptionHtml(SweepTable.html(rows, recommendation))
                .setLabels(List.of(label("epic", pipeline), label("host", info.cluster()),
                        label("suite", SweepTable.TITLE), label("framework", "pvebench")))
                .setAttachments(List.of(attach("balance-sweep.csv", ".csv", "text/csv", SweepTable.csv(rows))))
                .setStatus(Status.PASSED)
                .setStage(Stage.FINISHED)
                .setStart(info.start().toEpochMilli())
                .setStop(run.end().toEpochMilli());
    }

    private void writeEnvironment(Map<String, String> facts) {
        Properties env = new Properties();
        env.setProperty("pipeline", info.pipeline());
        env.setProperty("runId", info.runId());
        env.setProperty("cluster", info.cluster());
        env.setProperty("seed", String.valueOf(info.seed()));
        env.putAll(facts);
        writeEnvironment(resultsDir(), env, "cluster facts read in preflight");
    }

    private Path resultsDir() {
        return folder.root().resolve(FOLDER);
    }

    private TestResult testResult(CaseResult c, CaseTimelineFiles.Written timeline) {
        String pipeline = info.pipeline();
        List<Label> labels = new ArrayList<>(List.of(
                label("epic", pipeline),
                label("feature", c.plan().vmSpec().name()),
                label("story", c.plan().scenario()),
                label("host", info.cluster()),
                label("suite", pipeline),
                label("subSuite", c.plan().vmSpec().name() + " / " + c.plan().scenario()
                        + (c.plan().variant() == null ? "" : " / " + c.plan().variantName())),
                label("framework", "pvebench")));
        if (c.plan().variant() != null) {
            labels.add(label("tag", "variant:" + c.plan().variantName()));
        }
        List<Parameter> parameters = new ArrayList<>();
        Parameters.of(c.plan()).forEach((k, v) -> parameters.add(new Parameter().setName(k).setValue(v)));
        List<StepResult> steps = new ArrayList<>();
        for (StepRecord step : c.steps()) {
            steps.add(step(step));
        }
        if (!c.assessment().objectives().isEmpty()) {
            steps.add(objectivesStep(c));
        }
        if (!timeline.problems().isEmpty()) {
            // the case's result stands; the report says which of its files are missing
            steps.add(new StepResult().setName("time series files").setStatus(Status.BROKEN)
                    .setStage(Stage.FINISHED).setStart(c.end().toEpochMilli()).setStop(c.end().toEpochMilli())
                    .setStatusDetails(new StatusDetails().setMessage("not made: "
                            + String.join("; ", timeline.problems()))));
        }
        return new TestResult()
                .setUuid(UUID.randomUUID().toString())
                .setHistoryId(pipeline + "/" + c.plan().id())
                .setTestCaseId(pipeline + "/" + c.plan().id())
                .setName(c.plan().id())
                .setFullName(pipeline + "." + c.plan().id())
                .setDescription(description(c))
                .setLabels(labels)
                .setParameters(parameters)
                .setSteps(steps)
                .setAttachments(timeline.attachments().stream().map(this::attach).toList())
                .setStatus(status(c.assessment().verdict()))
                .setStatusDetails(new StatusDetails().setMessage(c.assessment().reason()))
                .setStage(Stage.FINISHED)
                .setStart(c.start().toEpochMilli())
                .setStop(c.end().toEpochMilli());
    }

    /**
     * Not a test of the cluster but the run's statistics across repetitions, where a person
     * reading the report finds them: its status is passed whatever the cases' verdicts.
     */
    private TestResult matrixSummary(RunResult run) {
        List<Map<String, Object>> rows = MatrixSummary.rows(run);
        String pipeline = info.pipeline();
        String title = pipeline + ": statistics across repetitions";
        long broken = run.cases().stream().filter(c -> c.assessment().verdict() == Verdict.BROKEN).count();
        String note = "<p>Per metric, VM spec, scenario and node: the statistics of the per-repetition values "
                + "(a series counts as its mean), as in <code>matrix.json</code> and <code>matrix.csv</code>"
                + (broken > 0 ? "; " + broken + " broken case(s) left out" : "") + ".</p>\n";
        return new TestResult()
                .setUuid(UUID.randomUUID().toString())
                .setHistoryId(pipeline + "/" + MATRIX_SUMMARY)
                .setTestCaseId(pipeline + "/" + MATRIX_SUMMARY)
                .setName(MATRIX_SUMMARY)
                .setFullName(pipeline + "." + MATRIX_SUMMARY)
                .setDescriptionHtml(note + MatrixHtml.table(rows))
                .setLabels(List.of(label("epic", pipeline), label("host", info.cluster()),
                        label("suite", MATRIX_SUMMARY), label("framework", "pvebench")))
                .setAttachments(List.of(
                        attach("matrix summary (HTML)", ".html", "text/html", MatrixHtml.page(title, rows)),
                        attach("matrix.csv", ".csv", "text/csv", MatrixSummary.csv(rows))))
                .setStatus(Status.PASSED)
                .setStage(Stage.FINISHED)
                .setStart(info.start().toEpochMilli())
                .setStop(run.end().toEpochMilli());
    }

    /** The case at a glance: its verdict's reason and every metric's mean, one per line. */
    private static String description(CaseResult c) {
        StringBuilder text = new StringBuilder();
        if (!c.assessment().reason().isEmpty()) {
            text.append("**").append(c.assessment().verdict().id()).append("**: ")
                    .append(c.assessment().reason()).append("\n\n");
        }
        text.append("| metric | mean | min | max | samples |\n|---|---|---|---|---|\n");
        CaseMetrics.of(c.samples()).byMetric().forEach((name, s) -> text.append("| ").append(name).append(" | ")
                .append(Quantities.format(s.value(), s.unit())).append(" | ")
                .append(Quantities.format(s.min(), s.unit())).append(" | ")
                .append(Quantities.format(s.max(), s.unit())).append(" | ")
                .append(s.count()).append(" |\n"));
        return text.toString();
    }

    private TestResult statisticTest(StatisticResult r, long when) {
        String pipeline = info.pipeline();
        String cell = CellNames.of(r.group());
        List<Label> labels = new ArrayList<>();
        labels.add(label("epic", pipeline));
        if (r.group().containsKey("vmSpec")) {
            labels.add(label("feature", r.group().get("vmSpec")));
        }
        if (r.group().containsKey("scenario")) {
            labels.add(label("story", r.group().get("scenario")));
        }
        labels.addAll(List.of(label("host", info.cluster()), label("parentSuite", pipeline),
                label("suite", STATISTICS_SUITE), label("subSuite", cell), label("framework", "pvebench")));
        String unit = r.objective().metric().unit();
        List<Parameter> parameters = new ArrayList<>();
        CellNames.ordered(r.group()).forEach((k, v) -> parameters.add(new Parameter().setName(k).setValue(v)));
        parameters.add(new Parameter().setName(r.objective().statistic().id())
                .setValue(r.observed() == null ? "-" : Quantities.format(r.observed(), unit)));
        parameters.add(new Parameter().setName("repetitions").setValue(String.valueOf(r.repetitions().size())));
        String id = pipeline + "/" + STATISTICS_SUITE + "/" + r.objective().key() + "/" + cell;
        return new TestResult()
                .setUuid(UUID.randomUUID().toString())
                .setHistoryId(id)
                .setTestCaseId(id)
                .setName(r.objective().key() + " (" + r.objective().written() + ")")
                .setFullName(pipeline + "." + STATISTICS_SUITE + "." + r.objective().key() + " [" + cell + "]")
                .setDescription(description(r))
                .setLabels(labels)
                .setParameters(parameters)
                .setStatus(status(r.verdict()))
                .setStatusDetails(new StatusDetails().setMessage(r.message()))
                .setStage(Stage.FINISHED)
                .setStart(when)
                .setStop(when);
    }

    /** The statistic's verdict and the value each repetition contributed, one per row. */
    private static String description(StatisticResult r) {
        String unit = r.objective().metric().unit();
        StringBuilder text = new StringBuilder("**").append(r.verdict().id()).append("**: ").append(r.message())
                .append("\n\n");
        if (!r.repetitions().isEmpty()) {
            text.append("| repetition | ").append(r.objective().metric().id()).append(" |\n|---|---|\n");
            r.repetitions().forEach((repetition, value) -> text.append("| ").append(repetition).append(" | ")
                    .append(Quantities.format(value, unit)).append(" |\n"));
        }
        return text.toString();
    }

    private StepResult step(StepRecord step) {
        StepResult result = new StepResult()
                .setName(step.name())
                .setStatus(step.status() == StepStatus.PASSED ? Status.PASSED
                        : step.status() == StepStatus.BROKEN ? Status.BROKEN : Status.SKIPPED)
                .setStage(Stage.FINISHED)
                .setStart(step.start().toEpochMilli())
                .setStop(step.end().toEpochMilli());
        if (!step.detail().isEmpty()) {
            result.setStatusDetails(new StatusDetails().setMessage(step.detail()));
        }
        List<io.qameta.allure.model.Attachment> attachments = new ArrayList<>();
        for (Attachment a : step.attachments()) {
            attachments.add(attach(a));
        }
        return result.setAttachments(attachments);
    }

    private StepResult objectivesStep(CaseResult c) {
        List<StepResult> checks = new ArrayList<>();
        for (ObjectiveResult r : c.assessment().objectives()) {
            checks.add(new StepResult().setName(r.objective().metric().key() + " " + r.objective().written()
                            + ": " + r.message())
                    .setStatus(status(r.verdict())).setStage(Stage.FINISHED)
                    .setStart(c.end().toEpochMilli()).setStop(c.end().toEpochMilli()));
        }
        Verdict overall = Verdict.overall(c.assessment().objectives().stream().map(ObjectiveResult::verdict).toList());
        return new StepResult().setName("objectives").setStatus(status(overall)).setStage(Stage.FINISHED)
                .setSteps(checks).setStart(c.end().toEpochMilli()).setStop(c.end().toEpochMilli());
    }

    private io.qameta.allure.model.Attachment attach(Attachment a) {
        String name = a.file().getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.')) : ".txt";
        String source = UUID.randomUUID() + "-attachment" + extension;
        try (InputStream in = Files.newInputStream(folder.root().resolve(a.file()))) {
            writer.write(source, in);
        } catch (IOException e) {
            writer.write(source, new java.io.ByteArrayInputStream(
                    ("attachment unavailable: " + e.getMessage()).getBytes(StandardCharsets.UTF_8)));
        }
        return new io.qameta.allure.model.Attachment().setName(a.title()).setSource(source).setType(a.mimeType());
    }

    private io.qameta.allure.model.Attachment attach(String title, String extension, String mimeType,
                                                     String content) {
        String source = UUID.randomUUID() + "-attachment" + extension;
        writer.write(source, new java.io.ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        return new io.qameta.allure.model.Attachment().setName(title).setSource(source).setType(mimeType);
    }

    private static Status status(Verdict verdict) {
        return switch (verdict) {
            case PASS -> Status.PASSED;
            case FAIL -> Status.FAILED;
            case BROKEN -> Status.BROKEN;
            case UNKNOWN -> Status.SKIPPED;
        };
    }

    static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }
}
