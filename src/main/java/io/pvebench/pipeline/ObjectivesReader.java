package io.pvebench.pipeline;

import io.pvebench.measure.Metric;
import io.pvebench.measure.Statistic;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a pipeline's {@code objectives}: a metric key ({@link Metric#key()}) bounds every
 * sample of the metric; a metric key, a dot and a statistic ({@code throughput.p05},
 * {@link Statistic#id()}) bounds that statistic over the repetitions of each matrix cell.
 * Bounds carry units and are converted to the metric's base unit.
 */
final class ObjectivesReader {

    /** The objectives of a file, each kind in file order. */
    record Read(List<Objective> everySample, List<StatisticObjective> statistics) {

        static final Read NONE = new Read(List.of(), List.of());
    }

    /** Bounds as checked: in the metric's base unit, with the text the file wrote. */
    private record Bounds(Double min, Double max, String written) {
    }

    private static final Keys BOUNDS = Keys.allowed("min", "max");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Values values;

    ObjectivesReader(Values values) {
        this.values = values;
    }

    /** The objectives; problems reported, invalid ones left out. */
    Read read(YamlNode node) {
        List<Objective> everySample = new ArrayList<>();
        List<StatisticObjective> statistics = new ArrayList<>();
        Optional<YamlNode.Mapping> mapping = values.mapping(node, "objectives");
        for (YamlNode.Entry entry : mapping.map(YamlNode.Mapping::entries).orElse(List.of())) {
            int dot = entry.key().indexOf('.');
            Optional<Metric> metric = metric(entry, dot < 0 ? entry.key() : entry.key().substring(0, dot));
            Optional<Statistic> statistic = dot < 0 ? Optional.empty()
                    : statistic(entry, entry.key().substring(dot + 1));
            if (metric.isEmpty() || (dot >= 0 && statistic.isEmpty())) {
                continue;
            }
            String path = "objectives." + entry.key();
            Optional<Bounds> bounds = values.mapping(entry.value(), path)
                    .flatMap(m -> bounds(metric.get(), entry, new MappingReader(m, path, path, BOUNDS, values)));
            if (bounds.isEmpty()) {
                continue;
            }
            Bounds b = bounds.get();
            if (statistic.isPresent()) {
                statistics.add(new StatisticObjective(metric.get(), statistic.get(), b.min(), b.max(), b.written(),
                        entry.keyPosition()));
            } else {
                everySample.add(new Objective(metric.get(), b.min(), b.max(), b.written(), entry.keyPosition()));
            }
        }
        return new Read(everySample, statistics);
    }

    private Optional<Metric> metric(YamlNode.Entry entry, String key) {
        Optional<Metric> metric = Metric.byKey(key);
        if (metric.isEmpty()) {
            List<String> known = Arrays.stream(Metric.values()).map(Metric::key).toList();
            values.problems().add(entry.keyPosition(), "unknown metric '" + key + "' in objectives",
                    Suggestions.hint(key, known, "known metrics"));
        }
        return metric;
    }

    private Optional<Statistic> statistic(YamlNode.Entry entry, String id) {
        Optional<Statistic> statistic = Statistic.byId(id);
        if (statistic.isEmpty()) {
            List<String> known = Arrays.stream(Statistic.values()).map(Statistic::id).toList();
            values.problems().add(entry.keyPosition(), "unknown statistic '" + id + "' in 'objectives."
                    + entry.key() + "'", Suggestions.hint(id, known, "known statistics"));
        }
        return statistic;
    }

    private Optional<Bounds> bounds(Metric metric, YamlNode.Entry entry, MappingReader bounds) {
        if (!bounds.has("min") && !bounds.has("max")) {
            values.problems().add(bounds.mapping().position(), "'objectives." + entry.key() + "' needs 'min', 'max' or both", "e.g. " + entry.key() + ": {max: 1 ms}");
            return Optional.empty();
        }
        Quantity.Kind kind = Quantity.Kind.forBaseUnit(metric.unit())
                .orElseThrow(() -> new IllegalStateException("no unit family for metric " + metric));
        Optional<BigDecimal> min = bound(bounds, "min", kind);
        Optional<BigDecimal> max = bound(bounds, "max", kind);
        if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
            values.problems().add(bounds.mapping().position(), "'objectives." + entry.key() + "': min "
                    + written(bounds, "min") + " is greater than max " + written(bounds, "max"));
            return Optional.empty();
        }
        if ((bounds.has("min") && min.isEmpty()) || (bounds.has("max") && max.isEmpty())) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        min.ifPresent(v -> parts.add("min: " + written(bounds, "min")));
        max.ifPresent(v -> parts.add("max: " + written(bounds, "max")));
        return Optional.of(new Bounds(min.map(BigDecimal::doubleValue).orElse(null),
                max.map(BigDecimal::doubleValue).orElse(null), String.join(", ", parts)));
    }

    private Optional<BigDecimal> bound(MappingReader bounds, String key, Quantity.Kind kind) {
        Optional<BigDecimal> value = bounds.quantity(key, kind);
        if (kind == Quantity.Kind.PERCENT && value.isPresent() && value.get().compareTo(HUNDRED) > 0) {
            values.problems().add(bounds.node(key).orElseThrow().position(), "'" + bounds.keyPath(key)
                    + "' must be between 0 % and 100 %, got " + written(bounds, key));
            return Optional.empty();
        }
        return value;
    }

    private static String written(MappingReader bounds, String key) {
        return bounds.node(key).map(n -> n instanceof YamlNode.Scalar s ? s.text() : n.described()).orElse("");
    }
}
