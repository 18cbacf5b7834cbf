package io.pvebench.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads and validates a pipeline file, and the cluster file it names. Every problem in
 * both files is collected before anything is built, then all are thrown at once as an
 * {@link InvalidPipelineException}; a returned {@link Pipeline} is valid, defaults applied.
 * Reads files only. Stateless and thread-safe.
 */
public final class PipelineLoader {

    private static final Keys PIPELINE = Keys.allowed("name", "description", "cluster", "twin", "vmSpecs", "scenarios",
            "loads", "variants", "repetitions", "measure", "migration", "balance", "failover", "objectives", "timeouts",
            "schedule", "compare")
            .required("name", "vmSpecs");
    private static final Keys TWIN = Keys.allowed("nodes", "pve", "timeScale", "qdevice", "bondLinks", "bondMode");
    private static final Keys MEASURE = Keys.allowed("iperf3", "ping", "warmup", "sampleEvery", "loadTolerance");
    private static final Keys IPERF3 = Keys.allowed("duration", "streams", "reverse");
    private static final Keys PING = Keys.allowed("count", "interval");
    private static final Keys MIGRATION = Keys.allowed("at", "observe", "target", "probeEvery", "timeout",
            "withLocalDisks", "targetStorage", "bwlimit", "migrationNetwork", "withConntrackState", "move", "order");
    private static final Keys TIMEOUTS = Keys.allowed("command", "provision");
    private static final String TWIN_NAME = "twin";

    private final Path file;
    private final Path home;
    /** The folder relative paths in the file (its cluster file) are resolved against. */
    private final Path baseDir;
    /** A cluster file that replaces the one the pipeline names, or "twin"; null: the pipeline's own. */
    private final Path clusterOverride;
    /** A run's copy of the pipeline it ran, read to judge the run again: what it names may be gone since. */
    private final boolean copy;
    private final Values values;

    private PipelineLoader(Path file, Path home, Path baseDir, Path clusterOverride, boolean copy, Problems problems) {
        this.file = file;
        this.copy = copy;
        this.home = home;
        this.baseDir = baseDir;
        this.clusterOverride = clusterOverride;
        this.values = new Values(problems);
    }

    /** The pipeline in {@code file}; {@code ~} in paths is the user's home. */
    public static Pipeline load(Path file) {
        return load(file, userHome());
    }

    /**
     * The pipeline in {@code file}, with {@code ~} in paths meaning {@code home}.
     *
     * @throws InvalidPipelineException with every problem in the pipeline and its cluster file
     */
    public static Pipeline load(Path file, Path home) {
        return load(file, home, file.getParent(), null, false);
    }

    /**
     * The pipeline in {@code copy}, a copy of the file that was at {@code original} (a run
     * folder's copy of the pipeline it ran): its relative paths (the cluster file) resolve as
     * they did from {@code original}, and problems name the copy's lines.
     *
     * @throws InvalidPipelineException with every problem in the pipeline and its cluster file
     */
    public static Pipeline loadCopy(Path copy, Path original) {
        return load(copy, userHome(), original.toAbsolutePath().getParent(), null, true);
    }

    /**
     * The pipeline in {@code file} run on another cluster: {@code clusterFile} replaces the one its
     * {@code cluster:} names ({@code twin} for the embedded twin), and everything that depends on the
     * cluster (node names, destructive changes) is checked against it.
     *
     * @throws InvalidPipelineException with every problem in the pipeline and the cluster file
     */
    public static Pipeline loadOnCluster(Path file, Path clusterFile) {
        return load(file, userHome(), file.getParent(), clusterFile, false);
    }

    private static Pipeline load(Path file, Path home, Path baseDir, Path clusterOverride, boolean copy) {
        Problems problems = new Problems();
        Optional<Pipeline> pipeline = YamlTreeReader.read(file, "pipeline",
                        "a pipeline needs at least 'name' and 'vmSpecs'", problems)
                .flatMap(root -> new PipelineLoader(file, home, baseDir, clusterOverride, copy, problems)
                        .pipeline(root));
        problems.throwIfAny();
        return pipeline.orElseThrow();
    }

    static Path userHome() {
        return Path.of(System.getProperty("user.home"));
    }

    private Optional<Pipeline> pipeline(YamlNode root) {
        if (!(root instanceof YamlNode.Mapping mapping)) {
            values.problems().add(root.position(), "a pipeline file must be a mapping of keys to values, got "
                    + root.described(), "a pipeline needs at least 'name' and 'vmSpecs'");
            return Optional.empty();
        }
        MappingReader r = new MappingReader(mapping, "", "pipeline", PIPELINE, values);
        String name = r.name("name").orElse(null);
        String description = r.text("description").orElse("");
        Optional<ClusterRef> cluster = cluster(r);
        List<VmSpec> vmSpecs = new VmSpecsReader(values, cluster.map(ClusterRef::nodeNames).orElse(List.of())).read(r);
        Map<String, LoadProfile> loads = r.node("loads").map(n -> new LoadsReader(values).read(n)).orElse(Map.of());
        // a load that is declared but invalid is reported once, where it is defined, not again where it is used
        List<String> declared = r.node("loads").filter(n -> n instanceof YamlNode.Mapping)
                .map(n -> ((YamlNode.Mapping) n).entries().stream().map(YamlNode.Entry::key).toList())
                .orElse(List.of());
        List<String> scenarios = scenarios(r, declared);
        Optional<BalanceSettings> balance = new BalanceReader(values,
                cluster.map(ClusterRef::nodeNames).orElse(List.of())).read(r);
        VariantsReader.Read variants = r.has("variants")
                ? new VariantsReader(values, r.has("balance"), balance.map(BalanceSettings::balancer)).read(r) : VariantsReader.Read.NONE;
        cluster.ifPresent(c -> checkDestructiveAllowed(c, variants));
        int repetitions = r.integer("repetitions", 1, 1000).orElse(1);
        MeasureSettings measure = r.mapping("measure", MEASURE).map(this::measure).orElse(MeasureSettings.DEFAULT);
        Optional<MigrationSettings> migration = r.mapping("migration", MIGRATION)
                .flatMap(m -> migration(m, cluster.map(ClusterRef::nodeNames).orElse(List.of())));
        Optional<FailoverSettings> failover = new FailoverReader(values).read(r, cluster);
        Optional<ScheduleSettings> schedule = new ScheduleReader(values).read(r);
        Optional<CompareSettings> compare = new CompareReader(values, baseDir, home, !copy).read(r);
        ObjectivesReader.Read objectives = r.node("objectives").map(n -> new ObjectivesReader(values).read(n))
                .orElse(ObjectivesReader.Read.NONE);
        Optional<MappingReader> timeouts = r.mapping("timeouts", TIMEOUTS);
        Duration commandTimeout = timeouts
                .flatMap(t -> t.duration("command", Duration.ofSeconds(1), Duration.ofHours(24)))
                .orElse(Duration.ofSeconds(60));
        Duration provisionTimeout = timeouts
                .flatMap(t -> t.duration("provision", Duration.ofSeconds(10), Duration.ofHours(24)))
                .orElse(Pipeline.DEFAULT_PROVISION_TIMEOUT);
        if (!values.problems().isEmpty() || cluster.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Pipeline(file, name, description, cluster.get(), vmSpecs, scenarios, loads,
                variants.variants(), repetitions, measure, migration, balance, failover, objectives.everySample(),
                objectives.statistics(),
                commandTimeout, provisionTimeout, schedule, compare));
    }

    /**
     * A variant changes a real cluster's network live (MTU, bonding mode), which can cut the
     * nodes' own traffic for a moment or, with a switch that does not match, for good: the
     * cluster file must opt in, as for every other destructive change. The twin needs none.
     */
    private void checkDestructiveAllowed(ClusterRef cluster, VariantsReader.Read variants) {
        if (!(cluster instanceof InventoryCluster inventory) || inventory.definition().allowDestructive()) {
            return;
        }
        variants.changes().forEach((variant, at) -> values.problems().add(at, "variant '" + variant
                        + "' changes the cluster's network, which cluster file '" + inventory.definition().source()
                        + "' does not allow",
                "set 'allowDestructive: true' in the cluster file once the switch ports accept the setting;"
                        + " each change is undone after the run (see README, 'Configuration variants')"));
    }

    private Optional<ClusterRef> cluster(MappingReader r) {
        Optional<MappingReader> twin = r.mapping(TWIN_NAME, TWIN);
        Optional<String> named = r.has("cluster") ? r.text("cluster") : Optional.of(TWIN_NAME);
        if (clusterOverride != null) {
            if (clusterOverride.toString().equals(TWIN_NAME)) {
                return Optional.of(twin.map(this::twin).orElse(TwinCluster.DEFAULT));
            }
            return ClusterLoader.read(clusterOverride, home, values.problems()).map(InventoryCluster::new);
        }
        if (named.isEmpty()) {
            return Optional.empty();
        }
        if (named.get().equals(TWIN_NAME)) {
            return Optional.of(twin.map(this::twin).orElse(TwinCluster.DEFAULT));
        }
        twin.ifPresent(t -> values.problems().add(r.entry(TWIN_NAME).orElseThrow().keyPosition(),
                "'twin' only applies to 'cluster: twin'", "remove 'twin', or set 'cluster: twin'"));
        Path path = Values.resolve(named.get(), baseDir, home);
        if (!Files.isRegularFile(path)) {
            values.problems().add(r.node("cluster").orElseThrow().position(),
                    "cluster file '" + named.get() + "' not found",
                    "looked for " + path + "; 'cluster: twin' runs the pipeline on the embedded twin");
            return Optional.empty();
        }
        return ClusterLoader.read(path, home, values.problems()).map(InventoryCluster::new);
    }

    private TwinCluster twin(MappingReader t) {
        TwinCluster defaults = TwinCluster.DEFAULT;
        String pve = t.text("pve").orElse(defaults.pve());
        if (!TwinCluster.PVE_VERSIONS.contains(pve)) {
            values.problems().add(t.node("pve").orElseThrow().position(), "'twin.pve' must be one of "
                    + String.join(", ", TwinCluster.PVE_VERSIONS) + ", got '" + pve + "'",
                    "the twin has a version profile for each of these Proxmox VE releases; quote it: pve: \"9.2\"");
            pve = defaults.pve();
        }
        int bondLinks = t.integer("bondLinks", 1, 8).orElse(defaults.bondLinks());
        BondMode bondMode = null;
        if (t.has("bondMode")) {
            bondMode = t.text("bondMode").flatMap(text -> {
                Optional<BondMode> mode = BondMode.byWritten(text);
                if (mode.isEmpty()) {
                    values.problems().add(t.node("bondMode").orElseThrow().position(), "'twin.bondMode' must be one of "
                            + String.join(", ", BondMode.allWritten()) + ", got '" + text + "'",
                            Suggestions.nearest(text, BondMode.allWritten()).map(m -> "did you mean '" + m + "'?")
                                    .orElse(null));
                }
                return mode;
            }).orElse(null);
            if (bondMode != null && bondLinks < 2) {
                values.problems().add(t.entry("bondMode").orElseThrow().keyPosition(),
                        "'twin.bondMode' needs a bond: 'twin.bondLinks' of 2 or more", "e.g. twin: {bondLinks: 2,"
                                + " bondMode: " + bondMode.written() + "}");
            }
        }
        return new TwinCluster(t.integer("nodes", 1, 32).orElse(defaults.nodes()), pve,
                t.positive("timeScale").orElse(defaults.timeScale()), t.bool("qdevice").orElse(defaults.qdevice()),
                bondLinks, bondMode);
    }

    private List<String> scenarios(MappingReader r, List<String> declaredLoads) {
        List<String> known = new ArrayList<>(LoadProfile.BUILT_IN_SCENARIOS);
        declaredLoads.stream().filter(name -> !known.contains(name)).forEach(known::add);
        if (!r.has("scenarios")) {
            return List.of("idle");
        }
        List<String> scenarios = new ArrayList<>();
        Map<String, SourcePosition> seen = new HashMap<>();
        for (YamlNode item : r.list("scenarios", "[idle]").map(YamlNode.Sequence::items).orElse(List.of())) {
            Optional<String> scenario = values.text(item, "scenarios");
            if (scenario.isEmpty()) {
                continue;
            }
            SourcePosition first = seen.putIfAbsent(scenario.get(), item.position());
            if (!known.contains(scenario.get())) {
                values.problems().add(item.position(), "unknown scenario '" + scenario.get() + "'",
                        Suggestions.nearest(scenario.get(), known).map(near -> "did you mean '" + near + "'?")
                                .orElse("known scenarios: " + String.join(", ", known)
                                        + "; define your own under 'loads:'"));
            } else if (first != null) {
                values.problems().add(item.position(), "duplicate scenario '" + scenario.get() + "'",
                        "already listed at line " + first.line());
            } else {
                scenarios.add(scenario.get());
            }
        }
        return scenarios;
    }

    private MeasureSettings measure(MappingReader m) {
        Iperf3Settings iperf3 = m.mapping("iperf3", IPERF3)
                .map(i -> new Iperf3Settings(
                        i.duration("duration", Duration.ofSeconds(1), Duration.ofHours(1))
                                .orElse(Iperf3Settings.DEFAULT.duration()),
                        i.integer("streams", 1, 128).orElse(Iperf3Settings.DEFAULT.streams()),
                        i.bool("reverse").orElse(Iperf3Settings.DEFAULT.reverse())))
                .orElse(Iperf3Settings.DEFAULT);
        PingSettings ping = m.mapping("ping", PING)
                .map(p -> new PingSettings(
                        p.integer("count", 1, 100_000).orElse(PingSettings.DEFAULT.count()),
                        p.duration("interval", Duration.ofMillis(10), Duration.ofSeconds(10))
                                .orElse(PingSettings.DEFAULT.interval())))
                .orElse(PingSettings.DEFAULT);
        Duration warmup = m.duration("warmup", Duration.ZERO, Duration.ofHours(1))
                .orElse(MeasureSettings.DEFAULT_WARMUP);
        Duration sampleEvery = m.duration("sampleEvery", Duration.ofMillis(100), Duration.ofMinutes(10))
                .orElse(MeasureSettings.DEFAULT_SAMPLE_EVERY);
        double tolerance = m.quantity("loadTolerance", Quantity.Kind.PERCENT)
                .map(java.math.BigDecimal::doubleValue).orElse(MeasureSettings.DEFAULT_LOAD_TOLERANCE);
        return new MeasureSettings(iperf3, ping, warmup, sampleEvery, tolerance);
    }

    private Optional<MigrationSettings> migration(MappingReader m, List<String> nodes) {
        Duration observe = m.duration("observe", Duration.ofSeconds(5), Duration.ofHours(1))
                .orElse(MigrationSettings.DEFAULT_OBSERVE);
        Duration at = m.duration("at", Duration.ZERO, Duration.ofHours(1)).orElse(MigrationSettings.DEFAULT_AT);
        if (at.compareTo(observe) >= 0) {
            values.problems().add(m.node(m.has("at") ? "at" : "observe").orElseThrow().position(),
                    "migration.at (" + at.toSeconds() + " s) must be before the end of migration.observe ("
                            + observe.toSeconds() + " s)",
                    "the probes run for 'observe'; start the migration early enough that they see it end");
        }
        Optional<String> target = m.name("target");
        if (target.isPresent() && !nodes.isEmpty() && !nodes.contains(target.get())) {
            values.problems().add(m.node("target").orElseThrow().position(), "migration target '" + target.get()
                    + "' is not a node of the cluster", "one of " + String.join(", ", nodes));
        }
        Optional<String> storage = m.text("targetStorage");
        storage.filter(s -> !s.matches("[a-zA-Z][a-zA-Z0-9\\-_.]*[a-zA-Z0-9](:[a-zA-Z][a-zA-Z0-9\\-_.]*[a-zA-Z0-9])?"))
                .ifPresent(s -> values.problems().add(m.node("targetStorage").orElseThrow().position(),
                        "'" + s + "' is not a storage id", "a storage id such as local-lvm, or SOURCE:TARGET"));
        Optional<String> network = m.text("migrationNetwork");
        network.filter(n -> !n.matches("[0-9a-fA-F:.]+/\\d{1,3}"))
                .ifPresent(n -> values.problems().add(m.node("migrationNetwork").orElseThrow().position(),
                        "'" + n + "' is not a network in CIDR notation", "for example 10.10.10.0/24"));
        Optional<Integer> bwlimit = m.integer("bwlimit", 0, Integer.MAX_VALUE);
        Duration probeEvery = m.duration("probeEvery", Duration.ofMillis(1), Duration.ofSeconds(1))
                .orElse(MigrationSettings.DEFAULT_PROBE_EVERY);
        Duration timeout = m.duration("timeout", Duration.ofSeconds(10), Duration.ofHours(24))
                .orElse(MigrationSettings.DEFAULT_TIMEOUT);
        boolean withLocalDisks = m.bool("withLocalDisks").orElse(false);
        boolean withConntrackState = m.bool("withConntrackState").orElse(false);
        MigrationSettings.Move move = m.oneOf("move", java.util.Map.of("server", MigrationSettings.Move.SERVER,
                "all", MigrationSettings.Move.ALL, "evacuate", MigrationSettings.Move.EVACUATE), java.util.Map.of())
                .orElse(MigrationSettings.Move.SERVER);
        boolean parallel = m.oneOf("order", java.util.Map.of("sequence", false, "parallel", true), java.util.Map.of())
                .orElse(false);
        if (at.compareTo(observe) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new MigrationSettings(at, observe, target, probeEvery, timeout, withLocalDisks, storage,
                bwlimit.map(b -> java.util.OptionalLong.of(b.longValue())).orElse(java.util.OptionalLong.empty()),
                network, withConntrackState, move, parallel));
    }
}
