package io.pvebench.pipeline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses numbers with units as pipeline files write them ({@code 4 GiB}, {@code 200ms},
 * {@code 9 Gbit/s}, {@code 0 %}, {@code 1 ms}). A number always carries its unit, except
 * for counts. The space between number and unit is optional; numbers are non-negative
 * decimals. Stateless and thread-safe; parse methods return empty for text they reject.
 */
public final class Quantity {

    /** A kind of quantity: its accepted units and the base unit values are converted to. */
    public enum Kind {
        /** Bytes; B, KB/MB/GB/TB (powers of 1000), KiB/MiB/GiB/TiB (powers of 1024). */
        SIZE("size", "bytes", units("B", 1, "KB", 1e3, "MB", 1e6, "GB", 1e9, "TB", 1e12,
                "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30, "TiB", 1L << 40),
                "B, KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024), e.g. '4 GiB'"),
        /** Durations, in nanoseconds; ms, s, m, h. */
        DURATION("duration", "ns", units("ms", 1e6, "s", 1e9, "m", 60e9, "h", 3600e9),
                "ms, s, m, h, e.g. '10s' or '200ms'"),
        /** Bit rates, in bit/s; the bit/s family in powers of 1000. */
        BIT_RATE("bit rate", "bit/s", units("bit/s", 1, "Kbit/s", 1e3, "kbit/s", 1e3, "Mbit/s", 1e6,
                "Gbit/s", 1e9, "Tbit/s", 1e12),
                "bit/s, Kbit/s, Mbit/s, Gbit/s, Tbit/s (powers of 1000), e.g. '9 Gbit/s'"),
        /** Short times such as round-trip times, in milliseconds; us (or µs), ms, s. */
        TIME("time", "ms", units("us", 1e-3, "µs", 1e-3, "ms", 1, "s", 1e3),
                "us, ms, s, e.g. '1 ms'"),
        /** Percentages; the unit is {@code %}. */
        PERCENT("percentage", "%", units("%", 1), "%, e.g. '0 %'"),
        /** Plain counts, written without a unit. */
        COUNT("count", "count", units("", 1), "a plain number without a unit, e.g. '3'");

        private final String noun;
        private final String baseUnit;
        private final Map<String, BigDecimal> factors;
        private final String accepted;

        Kind(String noun, String baseUnit, Map<String, BigDecimal> factors, String accepted) {
            this.noun = noun;
            this.baseUnit = baseUnit;
            this.factors = factors;
            this.accepted = accepted;
        }

        /** What a value of this kind is called in messages ({@code "bit rate"}). */
        public String noun() {
            return noun;
        }

        /** The unit parsed values are in. */
        public String baseUnit() {
            return baseUnit;
        }

        /** The accepted units, for a hint ({@code "us, ms, s, e.g. '1 ms'"}). */
        public String accepted() {
            return accepted;
        }

        /** The kind whose base unit is {@code unit} ({@code Metric.unit()}), if any. */
        public static Optional<Kind> forBaseUnit(String unit) {
            for (Kind kind : values()) {
                if (kind.baseUnit.equals(unit)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(\\S*)");

    private Quantity() {
    }

    /** {@code text} in {@code kind}'s base unit, or empty if it is not a {@code kind}. */
    public static Optional<BigDecimal> parse(String text, Kind kind) {
        Matcher m = NUMBER_AND_UNIT.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal factor = kind.factors.get(m.group(2));
        return factor == null ? Optional.empty() : Optional.of(new BigDecimal(m.group(1)).multiply(factor));
    }

    /** A size in bytes, rounded to a whole byte; empty if not a size or beyond {@code Long.MAX_VALUE}. */
    public static Optional<Long> parseSize(String text) {
        return parse(text, Kind.SIZE).flatMap(bytes -> exactLong(bytes.setScale(0, RoundingMode.HALF_UP)));
    }

    /** A duration, to the nanosecond; empty if not a duration or too long for {@link Duration}. */
    public static Optional<Duration> parseDuration(String text) {
        return parse(text, Kind.DURATION)
                .flatMap(nanos -> exactLong(nanos.setScale(0, RoundingMode.HALF_UP)))
                .map(Duration::ofNanos);
    }

    /** {@code duration} the short way files write it: {@code 1h}, {@code 90s}, {@code 200ms}. */
    public static String format(Duration duration) {
        if (duration.toMillis() % 3_600_000 == 0 && !duration.isZero()) {
            return duration.toHours() + "h";
        }
        if (duration.toMillis() % 60_000 == 0 && !duration.isZero()) {
            return duration.toMinutes() + "m";
        }
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }

    private static Optional<Long> exactLong(BigDecimal value) {
        try {
            return Optional.of(value.longValueExact());
        } catch (ArithmeticException tooBig) {
            return Optional.empty();
        }
    }

    private static Map<String, BigDecimal> units(Object... unitAndFactor) {
        Map<String, BigDecimal> factors = new LinkedHashMap<>();
        for (int i = 0; i < unitAndFactor.length; i += 2) {
            Number factor = (Number) unitAndFactor[i + 1];
            BigDecimal exact = factor instanceof Long || factor instanceof Integer
                    ? BigDecimal.valueOf(factor.longValue())
                    : BigDecimal.valueOf(factor.doubleValue());
            factors.put((String) unitAndFactor[i], exact);
        }
        return Map.copyOf(factors);
    }
}
