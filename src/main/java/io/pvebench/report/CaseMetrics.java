package io.pvebench.report;

import io.pvebench.assess.JudgedSamples;
import io.pvebench.measure.Sample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A case's samples summarised per metric: mean, min, max and count, in the metric's unit.
 * Series (one sample per interval or reply) and summaries alike; the order is the order
 * metrics first appear. Warm-up samples are left out, as the objectives leave them out.
 */
record CaseMetrics(Map<String, Summary> byMetric) {

    /** One metric of one case. {@code value} is the mean over the case's samples. */
    record Summary(double value, String unit, double min, double max, int count) {
    }

    static CaseMetrics of(List<Sample> samples) {
        Map<String, List<Sample>> grouped = JudgedSamples.of(samples).stream()
                .collect(Collectors.groupingBy(Sample::metric, LinkedHashMap::new, Collectors.toList()));
        Map<String, Summary> out = new LinkedHashMap<>();
        grouped.forEach((metric, list) -> {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Sample s : list) {
                sum += s.value();
                min = Math.min(min, s.value());
                max = Math.max(max, s.value());
            }
            out.put(metric, new Summary(sum / list.size(), list.get(0).unit(), min, max, list.size()));
        });
        return new CaseMetrics(out);
    }
}
