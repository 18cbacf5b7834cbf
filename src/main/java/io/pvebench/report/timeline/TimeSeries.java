package io.pvebench.report.timeline;

import io.pvebench.measure.Sample;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One metric sampled over a case's timeline: the samples that share a metric, a unit and
 * the labels that name the series.
 *
 * @param metric snake_case metric id ({@code throughput_interval})
 * @param unit   the samples' unit; every point is in it
 * @param labels the labels that name the series ({@code direction=forward}), without the
 *               ones that only place a point in it (see {@link CaseTimeline#POINT_LABELS});
 *               sorted by key
 * @param points the samples, at least two, in time order
 */
public record TimeSeries(String metric, String unit, Map<String, String> labels, List<Sample> points) {

    public TimeSeries {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        points = List.copyOf(points);
        if (points.size() < 2) {
            throw new IllegalArgumentException("a time series has at least two points: " + metric + " " + labels);
        }
    }
}
