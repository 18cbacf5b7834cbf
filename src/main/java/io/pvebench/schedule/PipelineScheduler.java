package io.pvebench.schedule;

import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.ScheduleSettings;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pipelines' schedules as Quartz cron triggers in one scheduler (in-memory job store). A
 * pipeline never runs twice at once (a trigger that fires while its run goes on waits), and runs on
 * one cluster wait for each other, in the order they fired: a lock per cluster
 * ({@link io.pvebench.pipeline.ClusterRef#identity()}); runs on the embedded twin need none. Closing
 * asks the launcher to stop the runs in flight and waits for them.
 */
public final class PipelineScheduler implements AutoCloseable {

    /** Runs one pipeline to its end; {@link #stopAll} asks the runs in flight to end early. */
    public interface Launcher {
        void launch(Pipeline pipeline) throws Exception;

        void stopAll(String why);
    }

    private static final String PIPELINE = "pipeline";
    private static final String SELF = "pvebench.scheduler";

    private final Scheduler quartz;
    private final Launcher launcher;
    private final Map<String, ReentrantLock> clusterLocks = new ConcurrentHashMap<>();
    private final List<String> plan = new ArrayList<>();

    /**
     * @param pipelines each with a {@code schedule:}
     * @param threads   runs that may go on at once (on different clusters)
     * @throws IllegalArgumentException for a pipeline without a schedule
     */
    public PipelineScheduler(List<Pipeline> pipelines, Launcher launcher, int threads) throws SchedulerException {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        pipelines.stream().filter(pipeline -> pipeline.schedule().isEmpty()).findFirst().ifPresent(pipeline -> {
            throw new IllegalArgumentException("pipeline " + pipeline.source() + " has no 'schedule:'");
        });
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "pvebench-" + System.identityHashCode(this));
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        this.quartz = new StdSchedulerFactory(p).getScheduler();
        quartz.getContext().put(SELF, this);
        for (int i = 0; i < pipelines.size(); i++) {
            Pipeline pipeline = pipelines.get(i);
            ScheduleSettings schedule = pipeline.schedule().orElseThrow();
            JobDataMap data = new JobDataMap();
            data.put(PIPELINE, pipeline);
            JobDetail job = JobBuilder.newJob(PipelineJob.class).withIdentity(i + "-" + pipeline.name())
                    .usingJobData(data).build();
            CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(schedule.cron())
                    .inTimeZone(TimeZone.getTimeZone(schedule.zone()));
            cron = schedule.misfire() == ScheduleSettings.Misfire.RUN_ONCE
                    ? cron.withMisfireHandlingInstructionFireAndProceed() : cron.withMisfireHandlingInstructionDoNothing();
            CronTrigger trigger = TriggerBuilder.newTrigger().withIdentity(job.getKey().getName()).withSchedule(cron)
                    .build();
            quartz.scheduleJob(job, trigger);
            plan.add(pipeline.name() + " (" + pipeline.source() + "): '" + schedule.cron() + "' in " + schedule.zone()
                    + ", next " + trigger.getNextFireTime().toInstant());
        }
    }

    /** Each pipeline and when it runs next, one line each. */
    public List<String> plan() {
        return List.copyOf(plan);
    }

    public void start() throws SchedulerException {
        quartz.start();
    }

    /** Stops triggering, asks the runs in flight to stop cleanly, and waits for them. */
    @Override
    public void close() throws SchedulerException {
        quartz.standby();
        launcher.stopAll("the scheduler is shutting down");
        quartz.shutdown(true);
    }

    private void run(Pipeline pipeline) throws Exception {
        ReentrantLock lock = pipeline.cluster().identity()
                .map(id -> clusterLocks.computeIfAbsent(id, k -> new ReentrantLock(true))).orElse(null);
        if (lock != null) {
            lock.lockInterruptibly();
        }
        try {
            launcher.launch(pipeline);
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    /** A trigger's work: the pipeline's run, never two of one pipeline at once. */
    @DisallowConcurrentExecution
    public static final class PipelineJob implements Job {

        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            try {
                PipelineScheduler self = (PipelineScheduler) context.getScheduler().getContext().get(SELF);
                self.run((Pipeline) context.getMergedJobDataMap().get(PIPELINE));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobExecutionException(e);
            } catch (Exception e) {
                // a run that breaks is the run's report; the schedule goes on
                throw new JobExecutionException(e, false);
            }
        }
    }
}
