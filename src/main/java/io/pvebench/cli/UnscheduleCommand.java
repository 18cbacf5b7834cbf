package io.pvebench.cli;

import io.pvebench.pipeline.Pipeline;
import io.pvebench.schedule.Firing;
import io.pvebench.schedule.PipelineScheduler;
import io.pvebench.schedule.ScheduledPipeline;
import io.pvebench.schedule.SharedStore;
import org.quartz.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code pvebench unschedule NAME... --store URL}: takes pipelines out of a shared schedule, for every
 * instance, and prints what it still holds. Without NAME it only prints the schedule. Exit 2 when a
 * NAME is not scheduled (nothing is removed then), 3 when the store cannot be reached.
 */
@Command(name = "unschedule", description = "Take pipelines out of a schedule shared through --store, for every"
        + " instance; without NAME, list what it holds.")
final class UnscheduleCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "pipeline names, as their 'name:' says")
    private List<String> names = List.of();

    @Mixin
    private StoreOptions storeOptions;

    @Override
    public Integer call() throws SchedulerException {
        SharedStore store = storeOptions.sharedStore(main.environment).orElseThrow(() -> new InvalidInputException(
                "--store is needed: a schedule in memory ends with its 'pvebench schedule'; stop that instead"));
        PipelineScheduler schedule = new PipelineScheduler(List.of(), NOTHING_RUNS, 1, Optional.of(store));
        try {
            List<ScheduledPipeline> held = schedule.scheduled();
            List<String> unknown = names.stream().filter(name -> held.stream().noneMatch(p -> p.name().equals(name)))
                    .toList();
            if (!unknown.isEmpty()) {
                throw new InvalidInputException("not scheduled in " + store.where() + ": " + String.join(", ", unknown)
                        + (held.isEmpty() ? "; the schedule is empty" : "; it holds:\n  " + String.join("\n  ",
                        held.stream().map(ScheduledPipeline::describe).toList())));
            }
            for (String name : names) {
                schedule.unschedule(name);
                main.out.println("unscheduled " + name);
            }
            List<ScheduledPipeline> left = schedule.scheduled();
            main.out.println(left.isEmpty() ? "the schedule in " + store.where() + " is empty"
                    : "scheduled in " + store.where() + ":");
            left.forEach(p -> main.out.println("  " + p.describe()));
            return Main.EXIT_PASS;
        } finally {
            schedule.close();
        }
    }

    /** This instance is never started: it edits the schedule and runs nothing. */
    private static final PipelineScheduler.Launcher NOTHING_RUNS = new PipelineScheduler.Launcher() {
        @Override
        public void launch(Pipeline pipeline, Firing firing) {
            throw new IllegalStateException("pvebench unschedule runs no pipeline");
        }

        @Override
        public void stopAll(String why) {
        }
    };
}
