package io.pvebench.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One pipeline definition: what to test (VM specs, scenarios, repetitions, measurements,
 * objectives) and where (the cluster). Immutable; {@link PipelineLoader} builds only
 * valid ones, with every default applied.
 *
 * @param source         the file it was loaded from, as given to the loader
 * @param name           {@code [a-z0-9][a-z0-9-]*}
 * @param description    free text, empty when the file has none
 * @param scenarios      built-in scenarios ({@link LoadProfile#BUILT_IN_SCENARIOS}) or ones defined
 *                       in {@code loads}, unique, in file order
 * @param loads          the pipeline's own load profiles by scenario name (none shadows a built-in)
 * @param variants       configuration variants, unique by name, in file order; empty when the
 *                       matrix has no variant dimension
 * @param repetitions    how often each VM spec × scenario (× variant) case runs, 1..1000
 * @param migration      the live migration each case makes under its load; empty: none
 * @param balance        the automatic balancing each case watches; empty: none
 * @param objectives     service-level objectives on every sample of a metric, in file order,
 *                       bounds in the metric's base unit
 * @param statisticObjectives objectives on a statistic of a metric over each matrix cell's
 *                       repetitions ({@code throughput.p05}), in file order, bounds in the
 *                       metric's base unit
 * @param commandTimeout how long one remote command may take
 * @param provisionTimeout how long one step of making a cloned VM may take: a clone, a
 *                       migration, a start, the wait for its guest agent
 * @param schedule       when {@code pvebench schedule} runs it; empty: not scheduled
 * @param compare        the baseline each run is held against when it ends; empty: none
 */
public record Pipeline(
        Path source,
        String name,
        String description,
        ClusterRef cluster,
        List<VmSpec> vmSpecs,
        List<String> scenarios,
        Map<String, LoadProfile> loads,
        List<Variant> variants,
        int repetitions,
        MeasureSettings measure,
        Optional<MigrationSettings> migration,
        Optional<BalanceSettings> balance,
        Optional<FailoverSettings> failover,
        List<Objective> objectives,
        List<StatisticObjective> statisticObjectives,
        Duration commandTimeout,
        Duration provisionTimeout,
        Optional<ScheduleSettings> schedule,
        Optional<CompareSettings> compare) {

    public Pipeline {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        Objects.requireNonNull(cluster, "cluster");
        vmSpecs = List.copyOf(vmSpecs);
        scenarios = List.copyOf(scenarios);
        loads = Map.copyOf(loads);
        variants = List.copyOf(variants);
        if (variants.stream().map(Variant::name).distinct().count() != variants.size()) {
            throw new IllegalArgumentException("variant names must be unique: " + variants);
        }
        for (String scenario : scenarios) {
            if (!LoadProfile.BUILT_IN.containsKey(scenario) && !loads.containsKey(scenario)) {
                throw new IllegalArgumentException("scenario '" + scenario + "' has no load profile");
            }
        }
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(failover, "failover");
        objectives = List.copyOf(objectives);
        statisticObjectives = List.copyOf(statisticObjectives);
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(provisionTimeout, "provisionTimeout");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(compare, "compare");
        if (vmSpecs.isEmpty() || scenarios.isEmpty()) {
            throw new IllegalArgumentException("a pipeline has at least one VM spec and one scenario");
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1: " + repetitions);
        }
    }

    /** The default of {@code timeouts.provision}: a full clone copies a whole disk. */
    public static final Duration DEFAULT_PROVISION_TIMEOUT = Duration.ofMinutes(20);

    /**
     * How long a case measures under its load, without tool start-up: the network
     * measurements, the migration and the balancer's watch, if any. What a load must outlast after its warm-up.
     */
    public Duration measuredTime() {
        return measure.networkTime().plus(migration.map(MigrationSettings::timeUnderLoad).orElse(Duration.ZERO))
                .plus(balance.map(BalanceSettings::watch).orElse(Duration.ZERO))
                .plus(failover.map(FailoverSettings::timeUnderLoad).orElse(Duration.ZERO));
    }

    /** The load a scenario puts on the VMs: the pipeline's own profile, else the built-in one. */
    public LoadProfile load(String scenario) {
        LoadProfile own = loads.get(scenario);
        if (own != null) {
            return own;
        }
        LoadProfile builtIn = LoadProfile.BUILT_IN.get(scenario);
        if (builtIn == null) {
            throw new IllegalArgumentException("no load profile for scenario '" + scenario + "'");
        }
        return builtIn;
    }
}
