package io.pvebench.pipeline;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the keys of one mapping against its {@link Keys}: on creation it reports unknown,
 * rejected and missing keys; each getter then checks one key's value (see {@link Values})
 * and returns it, or empty when the key is absent or its value was reported.
 */
final class MappingReader {

    private final YamlNode.Mapping mapping;
    private final String path;
    private final Values values;

    /**
     * @param path key path of the mapping ({@code vmSpecs[0]}), empty for a file's root
     * @param what the mapping in messages about unknown keys ({@code "pipeline"})
     */
    MappingReader(YamlNode.Mapping mapping, String path, String what, Keys keys, Values values) {
        this.mapping = mapping;
        this.path = path;
        this.values = values;
        Problems problems = values.problems();
        for (YamlNode.Entry entry : mapping.entries()) {
            Keys.Rejection rejection = keys.rejected().get(entry.key());
            if (rejection != null) {
                problems.add(entry.keyPosition(), "'" + keyPath(entry.key()) + "' " + rejection.message(), rejection.hint());
            } else if (!keys.allowed().contains(entry.key())) {
                problems.add(entry.keyPosition(), "unknown key '" + entry.key() + "' in " + what,
                        Suggestions.hint(entry.key(), keys.allowed(), "allowed keys"));
            }
        }
        for (String key : keys.required()) {
            if (mapping.entry(key).isEmpty()) {
                problems.add(mapping.position(), "missing required key '" + keyPath(key) + "'");
            }
        }
    }

    String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    YamlNode.Mapping mapping() {
        return mapping;
    }

    boolean has(String key) {
        return mapping.entry(key).isPresent();
    }

    Optional<YamlNode> node(String key) {
        return mapping.entry(key).map(YamlNode.Entry::value);
    }

    Optional<YamlNode.Entry> entry(String key) {
        return mapping.entry(key);
    }

    Optional<String> text(String key) {
        return node(key).flatMap(n -> values.text(n, keyPath(key)));
    }

    Optional<String> name(String key) {
        return node(key).flatMap(n -> values.name(n, keyPath(key)));
    }

    Optional<String> envName(String key) {
        return node(key).flatMap(n -> values.envName(n, keyPath(key)));
    }

    Optional<Integer> integer(String key, int min, int max) {
        return node(key).flatMap(n -> values.integer(n, keyPath(key), min, max));
    }

    Optional<Double> positive(String key) {
        return node(key).flatMap(n -> values.positive(n, keyPath(key)));
    }

    Optional<Boolean> bool(String key) {
        return node(key).flatMap(n -> values.bool(n, keyPath(key)));
    }

    Optional<Duration> duration(String key, Duration min, Duration max) {
        return node(key).flatMap(n -> values.duration(n, keyPath(key), min, max));
    }

    Optional<Long> size(String key) {
        return node(key).flatMap(n -> values.size(n, keyPath(key)));
    }

    Optional<BigDecimal> quantity(String key, Quantity.Kind kind) {
        return node(key).flatMap(n -> values.quantity(n, keyPath(key), kind));
    }

    /**
     * A percentage 0..100 written as PVE's {@code crs} options write it ({@code 30}) or with its
     * unit ({@code 30 %}).
     */
    Optional<Double> percent(String key) {
        Optional<String> text = text(key);
        if (text.isPresent() && text.get().strip().matches("\\d+(\\.\\d+)?")) {
            double v = Double.parseDouble(text.get().strip());
            if (v > 100) {
                values.problems().add(node(key).orElseThrow().position(), "'" + keyPath(key)
                        + "' must be between 0 % and 100 %, got " + text.get().strip());
                return Optional.empty();
            }
            return Optional.of(v);
        }
        return quantity(key, Quantity.Kind.PERCENT).map(BigDecimal::doubleValue);
    }

    /**
     * One of the words {@code choices} knows, as its value; an unknown word is reported with the
     * known ones and, when {@code hints} has one for it, a hint.
     */
    <T> Optional<T> oneOf(String key, java.util.Map<String, T> choices, java.util.Map<String, String> hints) {
        return text(key).flatMap(text -> {
            T value = choices.get(text);
            if (value == null) {
                values.problems().add(node(key).orElseThrow().position(), "'" + keyPath(key) + "' must be one of "
                        + String.join(", ", choices.keySet().stream().sorted().toList()) + ", got '" + text + "'",
                        hints.get(text));
            }
            return Optional.ofNullable(value);
        });
    }

    Optional<Path> path(String key, Path baseDir, Path home) {
        return node(key).flatMap(n -> values.path(n, keyPath(key), baseDir, home));
    }

    Optional<YamlNode.Sequence> list(String key, String example) {
        return node(key).flatMap(n -> values.list(n, keyPath(key), example));
    }

    /** A nested mapping's reader, or empty when the key is absent or not a mapping. */
    Optional<MappingReader> mapping(String key, Keys keys) {
        return node(key).flatMap(n -> values.mapping(n, keyPath(key)))
                .map(m -> new MappingReader(m, keyPath(key), keyPath(key), keys, values));
    }
}
