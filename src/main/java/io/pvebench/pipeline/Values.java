package io.pvebench.pipeline;

import io.pvebench.pipeline.YamlNode.Scalar.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one YAML value against the type and range a key needs. Each check returns the
 * value, or reports a problem at the value naming its key path ({@code vmSpecs[0].cores})
 * and returns empty.
 */
final class Values {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "on", "y");

    private final Problems problems;

    Values(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /** Any non-empty scalar, as written; numbers and booleans too ({@code pve: 9.2}). */
    Optional<String> text(YamlNode node, String path) {
        if (reported(node)) {
            return Optional.empty();
        }
        if (node instanceof YamlNode.Scalar s && s.type() != Type.NULL && !s.text().isBlank()) {
            return Optional.of(s.text());
        }
        if (node instanceof YamlNode.Scalar s) {
            problems.add(node.position(), "'" + path + "' must not be empty");
        } else {
            problems.add(node.position(), "'" + path + "' must be a string, got " + node.described());
        }
        return Optional.empty();
    }

    /** A name: {@code [a-z0-9][a-z0-9-]*}. */
    Optional<String> name(YamlNode node, String path) {
        return matching(node, path, NAME, "use lowercase letters, digits and '-', starting with a letter or digit");
    }

    Optional<String> matching(YamlNode node, String path, Pattern pattern, String hint) {
        return text(node, path).filter(text -> {
            if (pattern.matcher(text).matches()) {
                return true;
            }
            problems.add(node.position(), "'" + path + "' must match " + pattern + ", got '" + text + "'", hint);
            return false;
        });
    }

    /** The name of an environment variable; the value is never echoed, it may be a secret put in the wrong place. */
    Optional<String> envName(YamlNode node, String path) {
        return text(node, path).filter(text -> {
            if (ENV_NAME.matcher(text).matches()) {
                return true;
            }
            problems.add(node.position(), "'" + path + "' must be the name of an environment variable",
                    "write the variable's name, such as PVEBENCH_SSH_PASSWORD, never the secret itself");
            return false;
        });
    }

    /** An integer within {@code min..max}. */
    Optional<Integer> integer(YamlNode node, String path, int min, int max) {
        if (reported(node)) {
            return Optional.empty();
        }
        if (!(node instanceof YamlNode.Scalar s) || s.type() != Type.INTEGER) {
            problems.add(node.position(), "'" + path + "' must be an integer, got " + node.described());
            return Optional.empty();
        }
        BigInteger value = s.number() instanceof BigInteger big ? big : BigInteger.valueOf(s.number().longValue());
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            problems.add(node.position(), "'" + path + "' must be between " + min + " and " + max + ", got " + s.text());
            return Optional.empty();
        }
        return Optional.of(value.intValue());
    }

    /** A number greater than 0. */
    Optional<Double> positive(YamlNode node, String path) {
        if (reported(node)) {
            return Optional.empty();
        }
        if (!(node instanceof YamlNode.Scalar s) || (s.type() != Type.INTEGER && s.type() != Type.FLOAT)) {
            problems.add(node.position(), "'" + path + "' must be a number, got " + node.described());
            return Optional.empty();
        }
        double value = s.number().doubleValue();
        if (!(value > 0) || Double.isInfinite(value)) {
            problems.add(node.position(), "'" + path + "' must be greater than 0, got " + s.text());
            return Optional.empty();
        }
        return Optional.of(value);
    }

    Optional<Boolean> bool(YamlNode node, String path) {
        if (reported(node)) {
            return Optional.empty();
        }
        if (node instanceof YamlNode.Scalar s && s.type() == Type.BOOLEAN) {
            // YAML 1.1 booleans, as the parser reads them: true, yes, on, y and their opposites
            return Optional.of(TRUE_WORDS.contains(s.text().toLowerCase(Locale.ROOT)));
        }
        problems.add(node.position(), "'" + path + "' must be true or false, got " + node.described());
        return Optional.empty();
    }

    /** A duration with a unit within {@code min..max}. */
    Optional<Duration> duration(YamlNode node, String path, Duration min, Duration max) {
        Optional<String> text = text(node, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> value = Quantity.parseDuration(text.get());
        if (value.isEmpty()) {
            bad(node, path, Quantity.Kind.DURATION, text.get());
        } else if (value.get().compareTo(min) < 0 || value.get().compareTo(max) > 0) {
            problems.add(node.position(), "'" + path + "' must be between " + Quantity.format(min)
                    + " and " + Quantity.format(max) + ", got " + text.get());
            return Optional.empty();
        }
        return value;
    }

    /** A size with a unit, in bytes, at least 1 byte. */
    Optional<Long> size(YamlNode node, String path) {
        Optional<String> text = text(node, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> value = Quantity.parseSize(text.get());
        if (value.isEmpty()) {
            bad(node, path, Quantity.Kind.SIZE, text.get());
        } else if (value.get() < 1) {
            problems.add(node.position(), "'" + path + "' must be at least 1 B, got " + text.get());
            return Optional.empty();
        }
        return value;
    }

    /** A quantity of {@code kind} in its base unit. */
    Optional<BigDecimal> quantity(YamlNode node, String path, Quantity.Kind kind) {
        Optional<String> text = text(node, path);
        Optional<BigDecimal> value = text.flatMap(t -> Quantity.parse(t, kind));
        if (text.isPresent() && value.isEmpty()) {
            bad(node, path, kind, text.get());
        }
        return value;
    }

    private void bad(YamlNode node, String path, Quantity.Kind kind, String text) {
        problems.add(node.position(), "'" + path + "': bad " + kind.noun() + " '" + text + "'",
                "accepted units: " + kind.accepted());
    }

    /** Whether {@code node} stands for a value already reported, so no check reports it again. */
    private static boolean reported(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.type() == Type.REPORTED;
    }

    /** A path: {@code ~} is {@code home}, a relative path is relative to {@code baseDir}. */
    Optional<Path> path(YamlNode node, String path, Path baseDir, Path home) {
        return text(node, path).map(text -> resolve(text, baseDir, home));
    }

    static Path resolve(String text, Path baseDir, Path home) {
        if (text.equals("~")) {
            return home;
        }
        if (text.startsWith("~/")) {
            return home.resolve(text.substring(2)).normalize();
        }
        Path base = baseDir == null ? Path.of("") : baseDir;
        return base.resolve(text).normalize();
    }

    Optional<YamlNode.Mapping> mapping(YamlNode node, String path) {
        if (reported(node)) {
            return Optional.empty();
        }
        if (node instanceof YamlNode.Mapping m) {
            return Optional.of(m);
        }
        problems.add(node.position(), "'" + path + "' must be a mapping of keys to values, got " + node.described());
        return Optional.empty();
    }

    /** A list with at least one item. */
    Optional<YamlNode.Sequence> list(YamlNode node, String path, String example) {
        if (reported(node)) {
            return Optional.empty();
        }
        if (node instanceof YamlNode.Sequence s && !s.items().isEmpty()) {
            return Optional.of(s);
        }
        if (node instanceof YamlNode.Sequence) {
            problems.add(node.position(), "'" + path + "' must not be empty", "e.g. " + path + ": " + example);
        } else {
            problems.add(node.position(), "'" + path + "' must be a list, got " + node.described(),
                    "e.g. " + path + ": " + example);
        }
        return Optional.empty();
    }
}
