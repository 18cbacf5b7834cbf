package io.pvebench.schedule;

import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.pipeline.ScheduleSettings;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;

import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipelines' schedules as Quartz cron triggers. A pipeline never runs twice at once (a trigger that
 * fires while its run goes on waits), and runs on one cluster wait for each other: a lock per cluster
 * ({@link io.pvebench.pipeline.ClusterRef#identity()}); runs on the embedded twin need none. Closing asks
 * the launcher to stop the runs in flight and waits for them.
 *
 * <p>Alone, the schedule lives in memory. With a {@link SharedStore}, it lives in PostgreSQL through
 * Quartz's clustered JDBC job store: every instance on that database runs each firing once, the cluster
 * locks are the database's, and when an instance dies during a run another instance starts that run
 * again ({@link Firing#recovering()}) once it has noticed the silence.
 */
public final class PipelineScheduler implements AutoCloseable {

    /** Runs one pipeline to its end; {@link #stopAll} asks the runs in flight to end early. */
    public interface Launcher {
        void launch(Pipeline pipeline, Firing firing) throws Exception;

        /**
         * Asks the runs in flight to end early, and any run launched from now on to stop as soon as it
         * starts (a run may be launched while the scheduler closes).
         */
        void stopAll(String why);

        /** A firing that did not start a run: the scheduler closed while it waited for its cluster. */
        default void notStarted(Pipeline pipeline, Firing firing, String why) {
        }
    }

    /** The schedule's name in the shared store: every instance must use the same one. */
    static final String SHARED_NAME = "pvebench";
    private static final String GROUP = "pipelines";
    private static final String FILE = "pipelineFile";
    private static final String SELF = "pvebench.scheduler";
    /** The group of the triggers an instance leaves to the others, and their data key: the firing's time. */
    private static final String HANDED_OVER = "handedOver";
    private static final Duration LOCK_POLL = Duration.ofMillis(500);

    private final Scheduler quartz;
    private final Launcher launcher;
    private final ClusterLocks clusterLocks;
    private final Map<String, Pipeline> pipelines = new LinkedHashMap<>();
    private final List<String> plan = new ArrayList<>();
    private final boolean shared;
    /** The job threads waiting for their cluster's lock: closing interrupts them. */
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /** A scheduler alone, with its schedule in memory. */
    public PipelineScheduler(List<Pipeline> pipelines, Launcher launcher, int threads) {
        this(pipelines, launcher, threads, Optional.empty());
    }

    /**
     * @param pipelines each with a {@code schedule:}, each name once
     * @param threads   runs that may go on at once (on different clusters)
     * @param shared    the database the schedule is shared through, or empty for one instance alone
     * @throws IllegalArgumentException for a pipeline without a schedule, or two pipelines of one name
     * @throws ScheduleStoreException   when the scheduler cannot be set up: the shared store cannot be reached,
     *                                  or Quartz refuses (the message without the store's secrets)
     */
    public PipelineScheduler(List<Pipeline> pipelines, Launcher launcher, int threads, Optional<SharedStore> shared) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.shared = shared.isPresent();
        for (Pipeline pipeline : pipelines) {
            if (pipeline.schedule().isEmpty()) {
                throw new IllegalArgumentException("pipeline " + pipeline.source() + " has no 'schedule:'");
            }
            Pipeline same = this.pipelines.putIfAbsent(pipeline.name(), pipeline);
            if (same != null) {
                throw new IllegalArgumentException("two pipelines are named '" + pipeline.name() + "': " + same.source()
                        + " and " + pipeline.source() + "; a schedule knows a pipeline by its name");
            }
        }
        try {
            if (shared.isPresent()) {
                StoreConnections database = new StoreConnections(shared.get());
                QuartzTables.ensure(database);
                this.clusterLocks = new DatabaseClusterLocks(database, LOCK_POLL);
                this.quartz = create(QuartzProperties.shared(shared.get(), threads, "pvebench-" + UUID.randomUUID()));
                // Quartz keeps one scheduler per name in a JVM-wide registry and would hand a second instance on
                // the same store (same name) the first one; this object holds its scheduler itself
                SchedulerRepository.getInstance().remove(SHARED_NAME);
            } else {
                this.clusterLocks = new LocalClusterLocks();
                this.quartz = create(QuartzProperties.inMemory("pvebench-" + UUID.randomUUID(), threads));
            }
            quartz.getContext().put(SELF, this);
            for (Pipeline pipeline : pipelines) {
                plan.add(schedule(pipeline, shared.isPresent()));
            }
        } catch (SchedulerException e) {
            // Quartz's message may quote the store's URL whole, as the driver gave it
            throw new ScheduleStoreException("cannot start the scheduler"
                    + shared.map(store -> " on " + store.where()).orElse("") + ": "
                    + shared.map(store -> store.redact(e.getMessage())).orElse(e.getMessage()), e);
        }
    }

    private static Scheduler create(Properties properties) throws SchedulerException {
        return new StdSchedulerFactory(properties).getScheduler();
    }

    private String schedule(Pipeline pipeline, boolean shared) throws SchedulerException {
        ScheduleSettings schedule = pipeline.schedule().orElseThrow();
        JobDetail job = JobBuilder.newJob(PipelineJob.class).withIdentity(pipeline.name(), GROUP)
                .usingJobData(FILE, pipeline.source().toAbsolutePath().toString())
                .requestRecovery(shared)
                .build();
        CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(schedule.cron())
                .inTimeZone(TimeZone.getTimeZone(schedule.zone()));
        cron = schedule.misfire() == ScheduleSettings.Misfire.RUN_ONCE
                ? cron.withMisfireHandlingInstructionFireAndProceed() : cron.withMisfireHandlingInstructionDoNothing();
        CronTrigger trigger = TriggerBuilder.newTrigger().withIdentity(pipeline.name(), GROUP).forJob(job)
                .withSchedule(cron).build();
        Trigger stored = quartz.getTrigger(trigger.getKey());
        Instant next;
        if (stored instanceof CronTrigger same && sameSchedule(same, trigger)) {
            // another instance scheduled it already: replacing it would forget where it stands (fired, blocked)
            quartz.addJob(job, true, true);
            next = Optional.ofNullable(same.getNextFireTime()).map(Date::toInstant).orElse(null);
        } else if (neverFiresAgain(schedule)) {
            if (stored != null) {
                // the schedule stored before is not this pipeline's any more
                quartz.unscheduleJob(stored.getKey());
            }
            next = null;
        } else {
            quartz.scheduleJob(job, Set.of(trigger), true);
            next = trigger.getNextFireTime().toInstant();
        }
        return new ScheduledPipeline(pipeline.name(), pipeline.source().toString(), schedule.cron(),
                schedule.zone().getId(), Optional.ofNullable(next)).describe();
    }

    private static boolean neverFiresAgain(ScheduleSettings schedule) {
        try {
            CronExpression cron = new CronExpression(schedule.cron());
            cron.setTimeZone(TimeZone.getTimeZone(schedule.zone()));
            return cron.getNextValidTimeAfter(new Date()) == null;
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a Quartz cron expression: '" + schedule.cron() + "': "
                    + e.getMessage(), e);
        }
    }

    private static boolean sameSchedule(CronTrigger stored, CronTrigger wanted) {
        return stored.getCronExpression().equals(wanted.getCronExpression())
                && stored.getTimeZone().getID().equals(wanted.getTimeZone().getID())
                && stored.getMisfireInstruction() == wanted.getMisfireInstruction();
    }

    /** Each pipeline and when it runs next, one line each. */
    public List<String> plan() {
        return List.copyOf(plan);
    }

    /** Every pipeline the schedule holds, by name; with a shared store, whichever instance scheduled it. */
    public List<ScheduledPipeline> scheduled() throws SchedulerException {
        List<ScheduledPipeline> held = new ArrayList<>();
        for (TriggerKey key : new TreeSet<>(quartz.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP)))) {
            if (quartz.getTrigger(key) instanceof CronTrigger cron) {
                JobDetail job = quartz.getJobDetail(cron.getJobKey());
                held.add(new ScheduledPipeline(key.getName(), job == null ? "?" : job.getJobDataMap().getString(FILE),
                        cron.getCronExpression(), cron.getTimeZone().getID(),
                        Optional.ofNullable(cron.getNextFireTime()).map(Date::toInstant)));
            }
        }
        return held;
    }

    /**
     * Takes pipeline {@code name} out of the schedule; with a shared store, for every instance (one that
     * was given the pipeline puts it back when it starts again).
     *
     * @return whether the schedule held it
     */
    public boolean unschedule(String name) throws SchedulerException {
        return quartz.deleteJob(JobKey.jobKey(name, GROUP));
    }

    /** This instance's name in the shared store (or in memory). */
    public String instance() throws SchedulerException {
        return quartz.getSchedulerInstanceId();
    }

    public void start() throws SchedulerException {
        quartz.start();
    }

    /** Stops triggering, asks the runs in flight to stop cleanly, and waits for them. */
    @Override
    public void close() throws SchedulerException {
        closing = true;
        quartz.standby();
        // runs still waiting for their cluster are not started: with a shared store another instance takes them
        waiting.forEach(Thread::interrupt);
        launcher.stopAll("the scheduler is shutting down");
        quartz.shutdown(true);
    }

    private void run(String name, Path file, Firing firing) throws Exception {
        Pipeline pipeline = pipelines.get(name);
        if (pipeline == null) {
            // scheduled by another instance on the shared store: its file, as that instance named it
            pipeline = PipelineLoader.load(file);
        }
        try (ClusterLocks.Lease lease = lease(pipeline.cluster().identity())) {
            if (closing) {
                Thread.interrupted(); // close's interrupt, if it came after the lock was taken
                handOver(name, firing);
                launcher.notStarted(pipeline, firing, shared ? "the scheduler shut down while it waited for its"
                        + " cluster; handed over to the other instances" : "the scheduler shut down while it waited"
                        + " for its cluster");
                return;
            }
            launcher.launch(pipeline, firing);
        }
    }

    /** The cluster's lock; none for the twin, nor for a wait that closing the scheduler ended. */
    private ClusterLocks.Lease lease(Optional<String> cluster) throws InterruptedException {
        if (cluster.isEmpty()) {
            return () -> { };
        }
        waiting.add(Thread.currentThread());
        try {
            return clusterLocks.acquire(cluster.get());
        } catch (InterruptedException e) {
            if (closing) {
                return () -> { };
            }
            throw e;
        } finally {
            waiting.remove(Thread.currentThread());
        }
    }

    /** With a shared store, a firing this instance gives up runs on another one: a trigger for now. */
    private void handOver(String name, Firing firing) throws SchedulerException {
        if (!shared) {
            return;
        }
        quartz.scheduleJob(TriggerBuilder.newTrigger().withIdentity("handover-" + UUID.randomUUID(), HANDED_OVER)
                .forJob(JobKey.jobKey(name, GROUP))
                .usingJobData(HANDED_OVER, String.valueOf(firing.scheduledFor().toEpochMilli()))
                .startNow().build());
    }

    /** A trigger's work: the pipeline's run, never two of one pipeline at once. */
    @DisallowConcurrentExecution
    public static final class PipelineJob implements Job {

        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            try {
                PipelineScheduler self = (PipelineScheduler) context.getScheduler().getContext().get(SELF);
                self.run(context.getJobDetail().getKey().getName(),
                        Path.of(context.getMergedJobDataMap().getString(FILE)), firing(context));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobExecutionException(e);
            } catch (Exception e) {
                // a run that breaks is the run's report; the schedule goes on
                throw new JobExecutionException(e, false);
            }
        }

        private static Firing firing(JobExecutionContext context) throws SchedulerException {
            Instant scheduled = context.getScheduledFireTime().toInstant();
            Object original = context.isRecovering() ? context.getMergedJobDataMap()
                    .get(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS)
                    : context.getMergedJobDataMap().get(HANDED_OVER);
            if (original != null) {
                scheduled = Instant.ofEpochMilli(Long.parseLong(original.toString()));
            }
            // a firing handed over by an instance that shut down is recovered too: it was meant for earlier
            return new Firing(scheduled, context.isRecovering() || original != null,
                    context.getScheduler().getSchedulerInstanceId());
        }
    }
}
