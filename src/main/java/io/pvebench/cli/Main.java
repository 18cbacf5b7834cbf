package io.pvebench.cli;

import io.pvebench.PvebenchException;
import io.pvebench.pipeline.InvalidPipelineException;
import io.pvebench.pipeline.Problem;
import io.pvebench.run.UnreadableRunException;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code pvebench}: the command line. Exit codes: 0 every objective passed, 1 an
 * objective failed (or could not be decided), 2 invalid input (no stack trace),
 * 3 broken (an infrastructure fault kept a case from finishing).
 */
@Command(name = "pvebench", mixinStandardHelpOptions = true, version = "pvebench 0.1.0",
        description = "Test pipeline for Proxmox VE clusters: load, network, migration and HA under objectives.",
        subcommands = {RunCommand.class, ValidateCommand.class, SimCommand.class, BenchCommand.class,
                ParseCommand.class, CompareCommand.class, ReportCommand.class, ScheduleCommand.class, UnscheduleCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static final int EXIT_PASS = 0;
    public static final int EXIT_FAIL = 1;
    public static final int EXIT_INVALID = 2;
    public static final int EXIT_BROKEN = 3;

    final Map<String, String> environment;
    final PrintStream out;
    final PrintStream err;

    public Main(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = Map.copyOf(environment);
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.getenv(), System.out, System.err).execute(args));
    }

    /** Runs one command line and returns its exit code; never throws. */
    public int execute(String... args) {
        CommandLine cli = new CommandLine(this);
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e));
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(out);
    }

    private int handle(Exception e) {
        if (e instanceof InvalidPipelineException invalid) {
            printProblems(invalid);
            return EXIT_INVALID;
        }
        if (e instanceof InvalidInputException || e instanceof UnreadableRunException) {
            err.println("pvebench: " + e.getMessage());
            return EXIT_INVALID;
        }
        if (e instanceof PvebenchException) {
            err.println("pvebench: " + e.getMessage());
            return EXIT_BROKEN;
        }
        err.println("pvebench: internal error, please report it: " + e);
        e.printStackTrace(err);
        return EXIT_BROKEN;
    }

    void printProblems(InvalidPipelineException invalid) {
        for (Problem problem : invalid.problems()) {
            err.println(problem);
        }
        err.printf("%d problem(s); nothing was run%n", invalid.problems().size());
    }
}
