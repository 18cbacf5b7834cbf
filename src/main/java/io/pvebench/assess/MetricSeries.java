package io.pvebench.assess;

import io.pvebench.measure.Sample;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One metric's values in one group of the matrix, one value per repetition: the input of
 * {@link Summaries}. Built by {@link #group(Collection, Collection)}.
 *
 * @param metric      snake_case metric id ({@code throughput})
 * @param unit        the samples' unit; every value is in it
 * @param group       the grouping labels and their values ({@code vmSpec=small, scenario=idle}),
 *                    sorted by key; a key the samples lack is absent
 * @param repetitions the {@code repetition} label of each value, in the order of {@code values}
 * @param values      one value per repetition
 */
public record MetricSeries(String metric, String unit, Map<String, String> group,
                           List<String> repetitions, List<Double> values) {

    /** The label that tells repetitions apart. */
    public static final String REPETITION = "repetition";

    /**
     * The labels that make a cell of the matrix, in the order reports show them: the VM spec
     * and scenario the pipeline crosses, a configuration {@code variant}, iperf3's
     * {@code direction} (forward and reverse are different paths, never averaged) and the
     * {@code node} a value was measured on. A label the samples lack is simply absent from
     * their cell. The matrix summary and the objectives on statistics both group by these.
     */
    public static final List<String> CELL = List.of("vmSpec", "scenario", "variant", "direction", "node");

    public MetricSeries {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        group = Collections.unmodifiableMap(new TreeMap<>(group));
        repetitions = List.copyOf(repetitions);
        values = List.copyOf(values);
        if (repetitions.size() != values.size() || values.isEmpty()) {
            throw new IllegalArgumentException("one value per repetition, at least one: "
                    + repetitions.size() + " repetitions, " + values.size() + " values");
        }
    }

    /** Summary of {@link #values()}; {@code seed} drives the bootstrap. */
    public Summary summary(long seed) {
        return Summaries.of(values.stream().mapToDouble(Double::doubleValue).toArray(), seed);
    }

    /** The values keyed by their repetition, in order. */
    public Map<String, Double> byRepetition() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            out.put(repetitions.get(i), values.get(i));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The series of every matrix cell ({@link #CELL}) in {@code samples}, warm-up left out
     * ({@link JudgedSamples}): what statistics across repetitions are computed from and
     * objectives on them are held to. Otherwise as {@link #group(Collection, Collection)}.
     */
    public static List<MetricSeries> cells(Collection<Sample> samples) {
        return group(JudgedSamples.of(samples), CELL);
    }

    /**
     * Groups samples by metric, unit and the values of {@code keys} (say {@code vmSpec} and
     * {@code scenario}), and within a group reduces each repetition to one value: the
     * arithmetic mean of that repetition's samples of the metric. A repetition with one
     * summary sample (iperf3's {@code throughput}, ping's {@code rtt_avg}) keeps it as is; for
     * a time series ({@code rtt}, {@code throughput_interval}) the mean of its points stands
     * for the repetition. Samples that differ in a label not in {@code keys} (iperf3's
     * {@code direction}, a {@code node}) fall into the same repetition and are averaged, so
     * name such labels in {@code keys} or filter the samples first. A sample without a
     * {@code repetition} label counts as repetition {@code ""}.
     *
     * <p>Groups come sorted by metric, then group labels; repetitions numerically when they
     * are numbers, otherwise by text. Pure: the samples are not changed.
     */
    public static List<MetricSeries> group(Collection<Sample> samples, Collection<String> keys) {
        Map<GroupKey, Map<String, double[]>> groups = new TreeMap<>();
        for (Sample s : samples) {
            TreeMap<String, String> labels = new TreeMap<>();
            for (String key : keys) {
                String value = s.labels().get(key);
                if (value != null) {
                    labels.put(key, value);
                }
            }
            String repetition = s.labels().getOrDefault(REPETITION, "");
            double[] sumAndCount = groups.computeIfAbsent(new GroupKey(s.metric(), s.unit(), labels),
                    k -> new TreeMap<>(REPETITION_ORDER)).computeIfAbsent(repetition, r -> new double[2]);
            sumAndCount[0] += s.value();
            sumAndCount[1]++;
        }
        List<MetricSeries> out = new ArrayList<>();
        groups.forEach((key, byRepetition) -> {
            Map<String, Double> means = new LinkedHashMap<>();
            byRepetition.forEach((r, sc) -> means.put(r, sc[0] / sc[1]));
            out.add(new MetricSeries(key.metric(), key.unit(), key.labels(),
                    new ArrayList<>(means.keySet()), new ArrayList<>(means.values())));
        });
        return out;
    }

    private static final Comparator<String> REPETITION_ORDER = Comparator
            .comparing((String r) -> isNumber(r) ? 0 : 1)
            .thenComparing((a, b) -> isNumber(a) && isNumber(b)
                    ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b));

    private static boolean isNumber(String s) {
        return s.matches("-?\\d{1,18}");
    }

    private record GroupKey(String metric, String unit, TreeMap<String, String> labels)
            implements Comparable<GroupKey> {

        @Override
        public int compareTo(GroupKey o) {
            int c = metric.compareTo(o.metric);
            if (c == 0) {
                c = compareLabels(labels, o.labels);
            }
            return c != 0 ? c : unit.compareTo(o.unit);
        }

        private static int compareLabels(TreeMap<String, String> a, TreeMap<String, String> b) {
            var i = a.entrySet().iterator();
            var j = b.entrySet().iterator();
            while (i.hasNext() && j.hasNext()) {
                Map.Entry<String, String> x = i.next();
                Map.Entry<String, String> y = j.next();
                int c = x.getKey().compareTo(y.getKey());
                if (c == 0) {
                    c = x.getValue().compareTo(y.getValue());
                }
                if (c != 0) {
                    return c;
                }
            }
            return Boolean.compare(i.hasNext(), j.hasNext());
        }
    }
}
