package io.pvebench.pipeline;

import io.pvebench.balance.BalancerKind;
import io.pvebench.balance.CrsSettings;
import io.pvebench.balance.GuestScope;
import io.pvebench.balance.Hold;
import io.pvebench.balance.LoadMetric;
import io.pvebench.balance.ScoreSettings;
import io.pvebench.balance.ThresholdPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a pipeline's {@code balance:} into {@link BalanceSettings}, every problem reported
 * with its position. Percentages are written as in PVE 9.2's {@code crs} options: {@code 30}
 * or {@code 30 %}.
 */
final class BalanceReader {

    private static final Keys BALANCE = Keys.allowed("balancer", "startOn", "watch", "every", "ha", "crs", "policy",
            "score").required("balancer");
    private static final Keys CRS = Keys.allowed("mode", "threshold", "hold", "margin");
    private static final Keys POLICY = Keys.allowed("metric", "threshold", "margin", "hold", "cooldown", "noReturn",
            "maxConcurrent", "scope");
    private static final Keys SCORE = Keys.allowed("target", "window", "thrashWindow");
    private static final Map<String, BalancerKind> BALANCERS = Map.of("native", BalancerKind.NATIVE_CRS,
            "threshold", BalancerKind.THRESHOLD_POLICY, "observe", BalancerKind.EXTERNAL);
    private static final Map<String, CrsSettings.Mode> MODES = Map.of("static", CrsSettings.Mode.STATIC,
            "dynamic", CrsSettings.Mode.DYNAMIC);
    private static final Map<String, LoadMetric> METRICS = Map.of("cpu", LoadMetric.CPU, "memory", LoadMetric.MEMORY,
            "crs", LoadMetric.CRS_LOAD);
    private static final Map<String, GuestScope> SCOPES = Map.of("ha", GuestScope.HA_ONLY, "all", GuestScope.ALL);

    private static final Map<String, String> HINTS = Map.of(
            "basic", "the basic scheduler counts services and never rebalances; PVE 9.2 rebalances in static or"
                    + " dynamic",
            "proxlb", "a balancer outside pvebench, such as ProxLB, is watched with 'balancer: observe'");

    private final Values values;
    private final List<String> nodes;

    BalanceReader(Values values, List<String> nodes) {
        this.values = values;
        this.nodes = nodes;
    }

    Optional<BalanceSettings> read(MappingReader parent) {
        Optional<MappingReader> found = parent.mapping("balance", BALANCE);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MappingReader b = found.get();
        int before = values.problems().count();
        Optional<BalancerKind> balancer = b.oneOf("balancer", BALANCERS, HINTS);
        Optional<String> startOn = b.name("startOn");
        startOn.filter(n -> !nodes.isEmpty() && !nodes.contains(n)).ifPresent(n -> values.problems().add(
                b.node("startOn").orElseThrow().position(), "'balance.startOn': '" + n + "' is not a node of the"
                        + " cluster", "one of " + String.join(", ", nodes)));
        Duration watch = b.duration("watch", Duration.ofSeconds(10), Duration.ofHours(24))
                .orElse(Duration.ofMinutes(5));
        Duration every = b.duration("every", Duration.ofSeconds(1), Duration.ofMinutes(10))
                .orElse(Duration.ofSeconds(10));
        CrsSettings crs = b.mapping("crs", CRS).map(this::crs).orElse(CrsSettings.dynamicDefaults());
        ThresholdPolicy policy = b.mapping("policy", POLICY).map(this::policy).orElse(DEFAULT_POLICY);
        ScoreSettings score = b.mapping("score", SCORE).map(this::score).orElse(DEFAULT_SCORE);
        boolean ha = b.bool("ha").orElse(balancer.orElse(null) == BalancerKind.NATIVE_CRS);
        if (balancer.orElse(null) == BalancerKind.NATIVE_CRS && b.has("ha") && !ha) {
            values.problems().add(b.node("ha").orElseThrow().position(), "the native balancer moves only HA"
                    + " resources, and 'balance.ha' is false", "remove 'ha', or set it to true");
        }
        if (every.compareTo(watch) > 0) {
            values.problems().add(b.node("every").orElseThrow().position(), "'balance.every' ("
                    + every.toSeconds() + " s) is longer than 'balance.watch' (" + watch.toSeconds() + " s)", null);
        }
        if (values.problems().count() > before || balancer.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BalanceSettings(balancer.get(), startOn, watch, every, ha, crs, policy, score));
    }

    /** pvebench's policy out of the box: CPU above 70 % for 30 s, 10 points of hysteresis, one move at a time. */
    static final ThresholdPolicy DEFAULT_POLICY = new ThresholdPolicy(LoadMetric.CPU, 70, 10,
            Hold.lasting(Duration.ofSeconds(30)), Duration.ofMinutes(2), Duration.ofMinutes(5), 1, GuestScope.ALL);
    /** Balanced at 10 % imbalance held for 30 s; a move back within 5 minutes is thrash. */
    static final ScoreSettings DEFAULT_SCORE = new ScoreSettings(10, Duration.ofSeconds(30), Duration.ofMinutes(5));

    private CrsSettings crs(MappingReader c) {
        CrsSettings d = CrsSettings.dynamicDefaults();
        return new CrsSettings(true, c.oneOf("mode", MODES, HINTS).orElse(d.mode()),
                c.percent("threshold").orElse(d.thresholdPercent()),
                c.integer("hold", 0, 1000).orElse(d.holdRounds()),
                c.percent("margin").orElse(d.marginPercent()), d.method());
    }

    private ThresholdPolicy policy(MappingReader p) {
        ThresholdPolicy d = DEFAULT_POLICY;
        double threshold = p.percent("threshold").orElse(d.thresholdPercent());
        double margin = p.percent("margin").orElse(d.marginPercent());
        if (threshold <= 0 || margin >= threshold) {
            values.problems().add(p.node(p.has("margin") ? "margin" : "threshold").orElseThrow().position(),
                    "'" + p.keyPath("margin") + "' (" + BalanceVariant.Numbers.plain(margin) + " %) must be below '"
                            + p.keyPath("threshold") + "' (" + BalanceVariant.Numbers.plain(threshold)
                            + " %), and the threshold above 0", "a node is relieved once below threshold - margin");
            return d;
        }
        Duration cooldown = p.duration("cooldown", Duration.ZERO, Duration.ofHours(24)).orElse(d.cooldown());
        Duration noReturn = p.duration("noReturn", Duration.ZERO, Duration.ofHours(24))
                .orElse(cooldown.compareTo(d.noReturn()) > 0 ? cooldown : d.noReturn());
        if (noReturn.compareTo(cooldown) < 0) {
            values.problems().add(p.node("noReturn").orElseThrow().position(), "'" + p.keyPath("noReturn")
                    + "' must be at least the cooldown (" + cooldown.toSeconds() + " s)", null);
            return d;
        }
        return new ThresholdPolicy(p.oneOf("metric", METRICS, HINTS).orElse(d.metric()), threshold, margin,
                p.duration("hold", Duration.ZERO, Duration.ofHours(1)).map(Hold::lasting).orElse(d.hold()),
                cooldown, noReturn, p.integer("maxConcurrent", 1, 64).orElse(d.maxConcurrent()),
                p.oneOf("scope", SCOPES, HINTS).orElse(d.scope()));
    }

    private ScoreSettings score(MappingReader s) {
        ScoreSettings d = DEFAULT_SCORE;
        return new ScoreSettings(s.percent("target").orElse(d.targetImbalancePercent()),
                s.duration("window", Duration.ZERO, Duration.ofHours(1)).orElse(d.window()),
                s.duration("thrashWindow", Duration.ZERO, Duration.ofHours(24)).orElse(d.thrashWindow()));
    }
}
