package io.pvebench.cli;

import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.report.AllureHtml;
import io.pvebench.run.StopSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pvebench run PIPELINE}: validates, runs every case, reports; the exit code is the
 * verdict. Ctrl-C or SIGTERM stops the run gracefully: the case in flight breaks and is
 * torn down, the rest are marked not run, and every report is written before the JVM exits.
 */
@Command(name = "run", description = "Run a pipeline against its cluster (the embedded twin by default).")
final class RunCommand implements Callable<Integer> {

    /** How long a signal waits for the run to tear down and write its reports. */
    private static final Duration STOP_GRACE = Duration.ofMinutes(2);

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

    @Option(names = "--history", paramLabel = "DIR",
            description = "where the HTML report's trend history is kept, per cluster and pipeline (default:"
                    + " .history in the --out folder)")
    private Path history;

    @Option(names = "--cluster", paramLabel = "FILE",
            description = "run on this cluster file instead of the one the pipeline names (twin: the embedded twin);"
                    + " the pipeline is checked against it")
    private Path cluster;

    @Option(names = "--plan", description = "print the cases in the order they would run, and exit")
    private boolean plan;

    @Option(names = "--routes", paramLabel = "DIR",
            description = "folder of Camel route files (default: routes/ if present, else the jar's copies)")
    private Path routes;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(pipelineFile)) {
            throw new InvalidInputException("no pipeline file at " + pipelineFile);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidInputException("--out " + out + " is a file, not a folder");
        }
        if (history != null && Files.exists(history) && !Files.isDirectory(history)) {
            throw new InvalidInputException("--history " + history + " is a file, not a folder");
        }
        if (routes != null && !Files.isDirectory(routes)) {
            throw new InvalidInputException("--routes " + routes + ": no such folder");
        }
        if (cluster != null && !cluster.toString().equals("twin") && !Files.isRegularFile(cluster)) {
            throw new InvalidInputException("--cluster " + cluster + ": no such cluster file (or 'twin' for the"
                    + " embedded twin)");
        }
        Path routesDir = routes != null ? routes : Files.isDirectory(Path.of("routes")) ? Path.of("routes") : null;
        Pipeline pipeline = cluster == null ? PipelineLoader.load(pipelineFile)
                : PipelineLoader.loadOnCluster(pipelineFile, cluster);
        long runSeed = seed != null ? seed : new SecureRandom().nextLong() & 0xffffffffL;
        if (plan) {
            PlanPrinter.print(pipeline, runSeed, main.out);
            return Main.EXIT_PASS;
        }

        StopSignal stop = new StopSignal();
        Thread onSignal = new Thread(() -> {
            stop.request("interrupted (SIGINT/SIGTERM)");
            try {
                stop.awaitFinished(STOP_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pvebench-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        PipelineRunner.Outcome outcome;
        try {
            outcome = PipelineRunner.run(pipeline, new PipelineRunner.Options(out, runSeed, routesDir,
                    main.environment, main.out, List.of(), !noHtml, Clock.systemUTC(), stop, history));
        } finally {
            removeHook(onSignal);
        }

        main.out.println("run folder " + outcome.result().info().folder());
        printReports(main, outcome.html(), outcome.reportFailures());
        for (String change : outcome.leftChanged()) {
            main.err.println("pvebench: the cluster is left changed, put it back by hand: " + change);
        }
        main.out.println("exit " + outcome.exitCode());
        return outcome.exitCode();
    }

    /** Where the HTML report is (or why it was not rendered), and each report that could not be written. */
    static void printReports(Main main, AllureHtml.Outcome html, List<String> reportFailures) {
        if (html != null && html.generated()) {
            main.out.println("report     " + html.report());
        } else if (html != null) {
            main.err.println("pvebench: HTML report skipped: " + html.problem());
        }
        if (html != null) {
            html.notes().forEach(note -> main.err.println("pvebench: HTML report: " + note));
        }
        for (String failure : reportFailures) {
            main.err.println("pvebench: results incomplete, a report could not be written: " + failure);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook is running and waits for this run, as intended
        }
    }
}
