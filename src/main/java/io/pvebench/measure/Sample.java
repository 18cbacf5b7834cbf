package io.pvebench.measure;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One measured value, flat so runs can be sliced and compared.
 *
 * @param metric    snake_case noun ({@code throughput}, {@code rtt_avg}, {@code packet_loss})
 * @param value     the number, in {@code unit}
 * @param unit      {@code bit/s}, {@code ms}, {@code %}, {@code count}, {@code bytes}, ...
 * @param labels    run, case, vmSpec, scenario, repetition, node and whatever the source adds
 *                  (direction, stream, interval); sorted by key, never null
 * @param timestamp when the value was observed (for a series: the start of its interval)
 */
public record Sample(String metric, double value, String unit, Map<String, String> labels, Instant timestamp) {

    public Sample {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(timestamp, "timestamp");
        labels = Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
    }

    /** A sample of a catalogued metric, in its base unit. */
    public static Sample of(Metric metric, double value, Map<String, String> labels, Instant timestamp) {
        return new Sample(metric.id(), value, metric.unit(), labels, timestamp);
    }

    /** The same sample with more labels; existing keys keep their value unless overridden. */
    public Sample withLabels(Map<String, String> more) {
        TreeMap<String, String> merged = new TreeMap<>(labels);
        merged.putAll(more);
        return new Sample(metric, value, unit, merged, timestamp);
    }
}
