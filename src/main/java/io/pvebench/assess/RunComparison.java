package io.pvebench.assess;

import io.pvebench.measure.Metric;
import io.pvebench.measure.Sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A run held against a baseline run, metric by metric and case group by case group (the same
 * labels but for run, case and repetition): each repetition's mean is one value, and the two sets
 * of values are compared by their means' relative difference, Welch's t-test and Hedges' g. A
 * change within the noise threshold, or one the test cannot tell from chance, is unchanged;
 * otherwise the metric's {@link Metric.Better direction} makes it improved or regressed (a metric
 * with no direction is only changed). With one repetition on a side there is no test: the noise
 * threshold alone decides, and the result says so. Pure and stateless.
 */
public final class RunComparison {

    /** What a comparison found for one metric of one case group. */
    public enum Outcome { IMPROVED, UNCHANGED, REGRESSED, CHANGED, ONLY_IN_BASELINE, ONLY_IN_RUN }

    /**
     * @param metric   the metric id
     * @param group    the labels that make the case group
     * @param baseline each baseline repetition's mean, in repetition order
     * @param run      each run repetition's mean
     * @param relative (run − baseline) ÷ |baseline| of the means; NaN when a side has no value or the baseline is 0
     * @param p        Welch's two-sided p-value; empty with fewer than two repetitions on a side
     * @param effect   Hedges' g (run − baseline, in pooled standard deviations); empty likewise
     * @param outcome  the verdict
     * @param why      one line: what decided it
     */
    public record Change(String metric, Map<String, String> group, double[] baseline, double[] run, double relative,
                         OptionalDouble p, OptionalDouble effect, Outcome outcome, String why) {
        public Change {
            Objects.requireNonNull(metric, "metric");
            group = Map.copyOf(group);
            baseline = baseline.clone();
            run = run.clone();
        }

        public double baselineMean() {
            return mean(baseline);
        }

        public double runMean() {
            return mean(run);
        }

        /** The metric's base unit, {@code count} for a metric pvebench does not know. */
        public String unit() {
            return Metric.byId(metric).map(Metric::unit).orElse("count");
        }
    }

    /**
     * @param noise  relative change under which nothing counts, e.g. 0.05 for 5 %
     * @param alpha  significance level of the test, e.g. 0.05
     */
    public record Settings(double noise, double alpha) {
        public static final Settings DEFAULT = new Settings(0.05, 0.05);

        public Settings {
            if (!(noise >= 0) || !(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("noise at least 0, alpha in (0, 1): " + noise + ", " + alpha);
            }
        }
    }

    /**
     * Labels that tell repetitions and runs apart, or points of one series ({@code seq} of a ping,
     * {@code interval_start} of an iperf3 report), not case groups.
     */
    private static final Set<String> NOT_GROUP = Set.of("run", "case", "repetition", "seq", "interval_start");

    private RunComparison() {
    }

    /** Every metric and case group of either run, in metric then group order. */
    public static List<Change> compare(List<Sample> baseline, List<Sample> run, Settings settings) {
        Map<String, Map<String, double[]>> before = perRepetition(baseline);
        Map<String, Map<String, double[]>> after = perRepetition(run);
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<Change> out = new ArrayList<>();
        for (String key : keys) {
            double[] b = values(before.get(key));
            double[] r = values(after.get(key));
            out.add(change(key, b, r, settings));
        }
        return out;
    }

    /**
     * What differs between two runs' environments (the facts preflight read: versions, kernels, the
     * cluster, where the VMs ran), one line each in key order: {@code pve.version: 9.2.10 -> 9.2.11}.
     * Shown beside the metrics, it is what a regression may come from.
     */
    public static List<String> environmentChanges(Map<String, String> baseline, Map<String, String> run) {
        Set<String> keys = new TreeSet<>(baseline.keySet());
        keys.addAll(run.keySet());
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            String before = baseline.get(key);
            String after = run.get(key);
            if (!Objects.equals(before, after)) {
                out.add(key + ": " + (before == null ? "(none)" : before) + " -> " + (after == null ? "(none)" : after));
            }
        }
        return out;
    }

    /** Whether any change is a regression. */
    public static boolean regressed(List<Change> changes) {
        return changes.stream().anyMatch(c -> c.outcome() == Outcome.REGRESSED);
    }

    private static Change change(String key, double[] b, double[] r, Settings settings) {
        String metric = key.substring(0, key.indexOf('|'));
        Map<String, String> group = group(key);
        if (b.length == 0 || r.length == 0) {
            return new Change(metric, group, b, r, Double.NaN, OptionalDouble.empty(), OptionalDouble.empty(),
                    b.length == 0 ? Outcome.ONLY_IN_RUN : Outcome.ONLY_IN_BASELINE,
                    b.length == 0 ? "not measured in the baseline" : "not measured in this run");
        }
        double mb = mean(b);
        double mr = mean(r);
        double relative = mb == 0 ? (mr == 0 ? 0 : Double.NaN) : (mr - mb) / Math.abs(mb);
        OptionalDouble p = OptionalDouble.empty();
        OptionalDouble g = OptionalDouble.empty();
        if (b.length >= 2 && r.length >= 2) {
            p = welchP(b, r);
            g = hedgesG(b, r);
        }
        Metric.Better better = Metric.byId(metric).map(Metric::better).orElse(Metric.Better.NEITHER);
        String size = Double.isNaN(relative) ? "from 0" : String.format(Locale.ROOT, "%+.1f %%",
                relative * 100);
        if (!Double.isNaN(relative) && Math.abs(relative) <= settings.noise()) {
            return new Change(metric, group, b, r, relative, p, g, Outcome.UNCHANGED,
                    size + " is within the noise threshold of " + percent(settings.noise()));
        }
        if (p.isPresent() && !(p.getAsDouble() < settings.alpha())) {
            return new Change(metric, group, b, r, relative, p, g, Outcome.UNCHANGED, size + " but p = "
                    + String.format(Locale.ROOT, "%.3f", p.getAsDouble()) + ": not told from chance");
        }
        String basis = p.isPresent() ? String.format(Locale.ROOT, "%s, p = %.3f", size, p.getAsDouble())
                : size + ", beyond the noise threshold (one repetition: no significance test)";
        boolean up = mr > mb;
        Outcome outcome = switch (better) {
            case HIGHER -> up ? Outcome.IMPROVED : Outcome.REGRESSED;
            case LOWER -> up ? Outcome.REGRESSED : Outcome.IMPROVED;
            case NEITHER -> Outcome.CHANGED;
        };
        return new Change(metric, group, b, r, relative, p, g, outcome, basis);
    }

    /** metric|k=v|k=v... → repetition → values; each repetition's values averaged later. */
    private static Map<String, Map<String, double[]>> perRepetition(List<Sample> samples) {
        Map<String, Map<String, List<Double>>> raw = new TreeMap<>();
        for (Sample s : samples) {
            if (!Double.isFinite(s.value())) {
                continue;
            }
            raw.computeIfAbsent(key(s), k -> new TreeMap<>())
                    .computeIfAbsent(s.labels().getOrDefault("repetition", "1"), k -> new ArrayList<>()).add(s.value());
        }
        Map<String, Map<String, double[]>> out = new TreeMap<>();
        raw.forEach((k, reps) -> {
            Map<String, double[]> m = new LinkedHashMap<>();
            reps.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparingInt(RunComparison::number)))
                    .forEach(e -> m.put(e.getKey(), e.getValue().stream().mapToDouble(Double::doubleValue).toArray()));
            out.put(k, m);
        });
        return out;
    }

    private static int number(String repetition) {
        try {
            return Integer.parseInt(repetition);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String key(Sample s) {
        StringBuilder k = new StringBuilder(s.metric());
        new TreeMap<>(s.labels()).forEach((name, value) -> {
            if (!NOT_GROUP.contains(name) && !value.isEmpty()) {
                k.append('|').append(name).append('=').append(value);
            }
        });
        return k.append('|').toString();
    }

    private static Map<String, String> group(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : key.substring(key.indexOf('|') + 1).split("\\|")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }

    /** One value per repetition: the mean of what it measured (a series counts once). */
    private static double[] values(Map<String, double[]> reps) {
        return reps == null ? new double[0] : reps.values().stream().mapToDouble(RunComparison::mean).toArray();
    }

    static double mean(double[] x) {
        return x.length == 0 ? Double.NaN : Arrays.stream(x).average().orElse(Double.NaN);
    }

    private static double variance(double[] x) {
        double m = mean(x);
        return Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1);
    }

    /** Welch's two-sided test of equal means; equal constant samples give 1, different constant ones 0. */
    static OptionalDouble welchP(double[] a, double[] b) {
        double va = variance(a) / a.length;
        double vb = variance(b) / b.length;
        double diff = mean(b) - mean(a);
        if (va + vb == 0) {
            return OptionalDouble.of(diff == 0 ? 1 : 0);
        }
        double t = diff / Math.sqrt(va + vb);
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return OptionalDouble.of(Math.min(1, 2 * (1 - StudentT.cdf(Math.abs(t), df))));
    }

    /** Hedges' g of b against a: the difference of means in pooled standard deviations, small-sample corrected. */
    static OptionalDouble hedgesG(double[] a, double[] b) {
        int n = a.length + b.length;
        double pooled = Math.sqrt(((a.length - 1) * variance(a) + (b.length - 1) * variance(b)) / (n - 2));
        if (pooled == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((mean(b) - mean(a)) / pooled * (1 - 3.0 / (4 * n - 9)));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }
}
