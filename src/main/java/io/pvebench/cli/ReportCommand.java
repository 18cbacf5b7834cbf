package io.pvebench.cli;

import io.pvebench.pipeline.CasePlan;
import io.pvebench.pipeline.Matrix;
import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.report.AllureHtml;
import io.pvebench.report.AllureHtmlReport;
import io.pvebench.report.AllureResults;
import io.pvebench.report.VerdictChanges;
import io.pvebench.run.CaseRecord;
import io.pvebench.run.CaseResult;
import io.pvebench.run.RecordedRun;
import io.pvebench.run.RunEvents;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunInfo;
import io.pvebench.run.RunListener;
import io.pvebench.run.RunResult;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pvebench report RUN [--pipeline FILE] [--out DIR] [--no-html]}: judges a finished run
 * again from what its folder keeps (each case's record and samples), with the objectives of
 * the pipeline it ran ({@code pipeline.yaml} in the folder) or of {@code --pipeline FILE}, and
 * writes its reports again through the listeners a run writes them with. No cluster, no twin:
 * raw outputs and samples are only read. A case a stage broke stays broken with its reason.
 * In place, the summary before is kept as {@value RunFolder#PREVIOUS_SUMMARY}; with
 * {@code --out DIR}, the run folder is copied to {@code DIR/<run id>} and only the copy is
 * rewritten. Exit codes as {@code run}'s: 0 pass, 1 fail or unknown, 2 bad input, 3 broken.
 */
@Command(name = "report", description = "Judge a finished run again from its folder with the pipeline's current"
        + " objectives and rewrite its reports (summary, JUnit XML, Allure results and HTML, matrix); no cluster.")
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "RUN", description = "the run folder, e.g. reports/demo-20260101-020000-1a2b")
    private Path run;

    @Option(names = "--pipeline", paramLabel = "FILE",
            description = "judge with this pipeline file's objectives"
                    + " (default: RUN/pipeline.yaml, the pipeline it ran)")
    private Path pipelineFile;

    @Option(names = "--out", paramLabel = "DIR",
            description = "copy the run folder into DIR and rewrite the copy, leaving RUN as it is"
                    + " (default: rewrite RUN)")
    private Path out;

    @Option(names = "--no-html", description = "skip rendering the Allure HTML report")
    private boolean noHtml;

    @Override
    public Integer call() {
        RecordedRun recorded = RecordedRun.read(run);
        Pipeline pipeline = pipeline(recorded);
        List<CasePlan> planned = Matrix.runOrder(pipeline, recorded.seed());
        Map<String, CasePlan> byId = planned.stream()
                .collect(Collectors.toMap(CasePlan::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<CaseRecord> records = recorded.cases(id -> Optional.ofNullable(byId.get(id)));

        RunFolder folder = out == null ? RunFolder.open(run) : copy(RunFolder.open(run), out.resolve(recorded.runId()));
        Path target = folder.root();
        folder.keepSummaryAsPrevious();
        AllureResults.clear(target);
        // a stale HTML report would contradict the new summary; it is rendered again below unless --no-html
        boolean hadHtml = AllureHtml.remove(target);

        RunInfo info = new RunInfo(recorded.runId(), pipeline.name(), recorded.source(), recorded.cluster(),
                recorded.seed(), target, recorded.start(), planned);
        List<CaseResult> judged = records.stream().map(r -> r.judge(pipeline.objectives())).toList();
        RunResult result = new RunResult(info, recorded.environment(), judged, recorded.end())
                .withStatisticsChecked(pipeline.statisticObjectives()).withSweep(recorded.sweep());

        AllureHtmlReport html = noHtml ? null : AllureHtmlReport.renderedAgain(target);
        // no progress to show: the console gets what changed instead
        RunListener noProgress = new RunListener() { };
        RunEvents events = new RunEvents(PipelineRunner.reports(folder, noProgress, main.out, null, html));
        events.runStarted(info);
        events.environment(recorded.environment());
        judged.forEach(events::caseFinished);
        events.runFinished(result);

        VerdictChanges changes = VerdictChanges.between(recorded.summary(), result);
        folder.writeJson(RunFolder.REASSESSMENT, reassessment(changes));
        main.out.printf("%npvebench report %s: judged again with %s%n", recorded.runId(), pipelineName());
        changes.lines().forEach(line -> main.out.println("  " + line));
        main.out.println("run folder " + target);
        RunCommand.printReports(main, html == null ? null : html.outcome(), events.failures());
        if (hadHtml && html == null) {
            main.out.println(AllureHtml.REPORT_FOLDER + "/ removed: it showed the verdicts before;"
                    + " render it again without --no-html");
        }
        int exit = events.failures().isEmpty() ? result.verdict().exitCode() : Main.EXIT_BROKEN;
        main.out.println("exit " + exit);
        return exit;
    }

    /**
     * The pipeline to judge with: {@code --pipeline}, or the run's copy of the one it ran, whose
     * cluster file (if any) resolves from where the pipeline was when it ran.
     */
    private Pipeline pipeline(RecordedRun recorded) {
        Pipeline pipeline;
        if (pipelineFile != null) {
            if (!Files.isRegularFile(pipelineFile)) {
                throw new InvalidInputException("--pipeline " + pipelineFile + ": no such file");
            }
            pipeline = PipelineLoader.load(pipelineFile);
        } else {
            Path copy = run.resolve(RunFolder.PIPELINE_COPY);
            if (!Files.isRegularFile(copy)) {
                throw new InvalidInputException(run + " keeps no copy of its pipeline (" + RunFolder.PIPELINE_COPY
                        + "); name the pipeline to judge it with: --pipeline FILE");
            }
            pipeline = PipelineLoader.loadCopy(copy, recorded.source());
        }
        if (!pipeline.name().equals(recorded.pipeline())) {
            throw new InvalidInputException("pipeline '" + pipeline.name() + "' is not the one run " + recorded.runId()
                    + " ran ('" + recorded.pipeline() + "'); judge it with a version of that pipeline");
        }
        return pipeline;
    }

    private String pipelineName() {
        return pipelineFile != null ? pipelineFile.toString() : run.resolve(RunFolder.PIPELINE_COPY) + " (as it ran)";
    }

    private Map<String, Object> reassessment(VerdictChanges changes) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("at", Clock.systemUTC().instant());
        record.put("pipeline", pipelineName());
        record.put("from", out == null ? null : run.toString());
        record.put("verdictBefore", changes.runBefore());
        record.put("verdict", changes.runAfter());
        record.put("changes", changes.lines());
        return record;
    }

    private static RunFolder copy(RunFolder run, Path target) {
        if (Files.exists(target)) {
            throw new InvalidInputException("--out: " + target + " already exists; choose another folder");
        }
        try {
            return run.copyTo(target);
        } catch (UncheckedIOException e) {
            throw new InvalidInputException("--out: " + e.getMessage() + ": " + e.getCause().getMessage());
        }
    }
}
