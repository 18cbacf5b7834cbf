package io.pvebench.cli;

import io.pvebench.PvebenchException;
import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.StopSignal;
import io.pvebench.schedule.Firing;
import io.pvebench.schedule.PipelineScheduler;
import io.pvebench.schedule.SharedStore;
import org.quartz.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code pvebench schedule PIPELINE... [--out DIR] [--threads N] [--store URL [--checkin SECONDS]]}: runs
 * as a daemon, each pipeline at the times its {@code schedule:} names, never two on one cluster at once.
 * With {@code --store}, instances on one PostgreSQL database share the schedule (the role and password
 * come from {@code PVEBENCH_STORE_USER} and {@code PVEBENCH_STORE_PASSWORD}, never from the command
 * line). Ctrl-C or SIGTERM stops triggering, stops the runs in flight cleanly (their case breaks and is
 * torn down, every report is written) and exits 0. Exit 2 when a pipeline is invalid or has no schedule,
 * 3 when the shared store cannot be reached.
 */
@Command(name = "schedule", description = "Run pipelines unattended at the times their 'schedule:' names.")
final class ScheduleCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "PIPELINE", arity = "1..*", description = "pipeline files, each with a 'schedule:'")
    private List<Path> pipelineFiles;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports",
            description = "where run folders are created (default: ${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "runs on different clusters that may go on at once (default: ${DEFAULT-VALUE})")
    private int threads;

    @Mixin
    private StoreOptions storeOptions;

    @Override
    public Integer call() throws SchedulerException, InterruptedException {
        if (threads < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + threads);
        }
        Optional<SharedStore> shared = storeOptions.sharedStore(main.environment);
        List<Pipeline> pipelines = new ArrayList<>();
        Map<String, Path> named = new HashMap<>();
        for (Path file : pipelineFiles) {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("no pipeline file at " + file);
            }
            Pipeline pipeline = PipelineLoader.load(file);
            if (pipeline.schedule().isEmpty()) {
                throw new InvalidInputException(file + " has no 'schedule:'; add e.g. schedule: {cron: \"0 0 2 * * ?\","
                        + " timeZone: Europe/Berlin}");
            }
            Path same = named.putIfAbsent(pipeline.name(), file);
            if (same != null) {
                throw new InvalidInputException(same + " and " + file + " are both named '" + pipeline.name()
                        + "'; a schedule knows a pipeline by its name: rename one");
            }
            pipelines.add(pipeline);
        }
        Launcher launcher = new Launcher();
        PipelineScheduler scheduler = new PipelineScheduler(pipelines, launcher, threads, shared);
        if (shared.isPresent()) {
            main.out.println("schedule shared through " + shared.get().where() + ", this instance "
                    + scheduler.instance() + " (check-in every " + shared.get().checkin().toMillis() / 1000.0 + " s)");
        }
        scheduler.plan().forEach(line -> main.out.println("scheduled " + line));
        main.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            try {
                scheduler.close();
            } catch (SchedulerException e) {
                main.err.println("pvebench: the scheduler did not stop cleanly: "
                        + shared.map(where -> where.redact(e.getMessage())).orElse(e.getMessage()));
            }
            stopped.countDown();
        }, "pvebench-schedule-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        scheduler.start();
        stopped.await();
        return Main.EXIT_PASS;
    }

    /** Runs each pipeline as {@code pvebench run} would, with a seed of its own, and stops them on request. */
    private final class Launcher implements PipelineScheduler.Launcher {

        private final Set<StopSignal> inFlight = ConcurrentHashMap.newKeySet();
        private volatile String stopping;

        @Override
        public void launch(Pipeline pipeline, Firing firing) {
            main.out.println("schedule: " + pipeline.name() + " started, " + firing.describe());
            main.out.flush();
            // runs on different clusters go on at once: each line of a run's console says whose it is
            PrintStream console = PrefixedLines.console(main.out, "[" + pipeline.name() + "] ");
            StopSignal stop = new StopSignal();
            inFlight.add(stop);
            String why = stopping;
            if (why != null) {
                // launched while the scheduler closed: it stops at once, cleanly, like the others
                stop.request(why);
            }
            try {
                long seed = new SecureRandom().nextLong() & 0xffffffffL;
                PipelineRunner.Outcome outcome = PipelineRunner.run(pipeline, new PipelineRunner.Options(out, seed,
                        Files.isDirectory(Path.of("routes")) ? Path.of("routes") : null, main.environment, console,
                        List.of(), true, Clock.systemUTC(), stop));
                main.out.println("schedule: " + pipeline.name() + " finished, exit " + outcome.exitCode() + ", run folder "
                        + outcome.result().info().folder());
            } catch (RuntimeException e) {
                // Quartz would only log it, out of sight: the schedule goes on, the failure is said here
                main.err.println("schedule: " + pipeline.name() + " failed: "
                        + (e instanceof PvebenchException ? e.getMessage() : "internal error, please report it: " + e));
            } finally {
                console.close();
                inFlight.remove(stop);
            }
        }

        @Override
        public void stopAll(String why) {
            stopping = why;
            inFlight.forEach(stop -> stop.request(why));
        }

        @Override
        public void notStarted(Pipeline pipeline, Firing firing, String why) {
            main.out.println("schedule: " + pipeline.name() + " not started (" + firing.describe() + "): " + why);
            main.out.flush();
        }
    }
}
