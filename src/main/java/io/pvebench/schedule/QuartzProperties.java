package io.pvebench.schedule;

import org.quartz.impl.StdSchedulerFactory;

import java.util.Properties;

/** Quartz's configuration for a scheduler alone (memory) or one instance of several (PostgreSQL). */
final class QuartzProperties {

    private QuartzProperties() {
    }

    static Properties inMemory(String name, int threads) {
        Properties p = common(name, threads);
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return p;
    }

    /**
     * @param dataSource a name for this instance's connection pool, unique in the JVM: Quartz registers pools
     *                   JVM-wide by name and shuts an instance's pool down with it
     */
    static Properties shared(SharedStore store, int threads, String dataSource) {
        Properties p = common(PipelineScheduler.SHARED_NAME, threads);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, StdSchedulerFactory.AUTO_GENERATE_INSTANCE_ID);
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(store.checkin().toMillis()));
        // job data as strings only: any instance, of any pvebench version, can read what another stored
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.dataSource", dataSource);
        String pool = "org.quartz.dataSource." + dataSource + ".";
        p.setProperty(pool + "provider", "hikaricp");
        p.setProperty(pool + "driver", "org.postgresql.Driver");
        p.setProperty(pool + "URL", store.jdbcUrl());
        // Quartz's pool always hands the driver a role, "" when none is set, which PostgreSQL refuses; the
        // driver's own default, as for the unpooled sessions, is the system user (a role in the URL wins)
        p.setProperty(pool + "user", store.user().isEmpty() ? System.getProperty("user.name") : store.user());
        p.setProperty(pool + "password", store.password());
        // the worker threads, the misfire and check-in housekeeping, and a spare
        p.setProperty(pool + "maxConnections", String.valueOf(threads + 3));
        return p;
    }

    private static Properties common(String name, int threads) {
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, name);
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        return p;
    }
}
