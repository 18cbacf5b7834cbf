package io.pvebench.pipeline;

import io.pvebench.measure.Metric;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a pipeline's {@code objectives}: metric key ({@link Metric#key()}) to bounds with
 * units, converted to the metric's base unit.
 */
final class ObjectivesReader {

    private static final Keys BOUNDS = Keys.allowed("min", "max");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Values values;

    ObjectivesReader(Values values) {
        this.values = values;
    }

    /** The objectives in file order; problems reported, invalid ones left out. */
    List<Objective> read(YamlNode node) {
        List<Objective> objectives = new ArrayList<>();
        Optional<YamlNode.Mapping> mapping = values.mapping(node, "objectives");
        for (YamlNode.Entry entry : mapping.map(YamlNode.Mapping::entries).orElse(List.of())) {
            Optional<Metric> metric = Metric.byKey(entry.key());
            if (metric.isEmpty()) {
                List<String> known = Arrays.stream(Metric.values()).map(Metric::key).toList();
                values.problems().add(entry.keyPosition(), "unknown metric '" + entry.key() + "' in objectives",
                        Suggestions.hint(entry.key(), known, "known metrics"));
                continue;
            }
            String path = "objectives." + entry.key();
            values.mapping(entry.value(), path)
                    .flatMap(m -> objective(metric.get(), entry, new MappingReader(m, path, path, BOUNDS, values)))
                    .ifPresent(objectives::add);
        }
        return objectives;
    }

    private Optional<Objective> objective(Metric metric, YamlNode.Entry entry, MappingReader bounds) {
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
        return Optional.of(new Objective(metric, min.map(BigDecimal::doubleValue).orElse(null),
                max.map(BigDecimal::doubleValue).orElse(null), String.join(", ", parts), entry.keyPosition()));
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
