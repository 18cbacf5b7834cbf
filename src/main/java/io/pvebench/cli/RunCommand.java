package io.pvebench.cli;

import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.report.AllureHtml;
import io.pvebench.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code pvebench run PIPELINE}: validates, runs every case, reports; the exit code is the verdict. */
@Command(name = "run", description = "Run a pipeline against its cluster (the embedded twin by default).")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "PIPELINE", description = "pipeline file, e.g. pipelines/demo.yaml")
    private Path pipelineFile;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports",
            description = "where the run folder is created (default: ${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--seed", paramLabel = "N", description = "seed of every random choice (default: random, printed)")
    private Long seed;

    @Option(names = "--no-html", description = "skip rendering the Allure HTML report")
    private boolean noHtml;

    @Option(names = "--routes", paramLabel = "DIR", defaultValue = "routes",
            description = "folder of Camel route files (default: ${DEFAULT-VALUE}; the jar's copies when missing)")
    private Path routes;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(pipelineFile)) {
            throw new InvalidInputException("no pipeline file at " + pipelineFile);
        }
        Pipeline pipeline = PipelineLoader.load(pipelineFile);
        long runSeed = seed != null ? seed : new SecureRandom().nextLong() & 0xffffffffL;
        RunResult result = PipelineRunner.run(pipeline, new PipelineRunner.Options(out, runSeed, routes,
                main.environment, main.out, List.of()));
        main.out.println("run folder " + result.info().folder());
        if (!noHtml) {
            AllureHtml.Outcome html = AllureHtml.generate(result.info().folder());
            if (html.generated()) {
                main.out.println("report     " + html.report());
            } else {
                main.err.println("pvebench: HTML report skipped: " + html.problem());
            }
        }
        return result.verdict().exitCode();
    }
}
