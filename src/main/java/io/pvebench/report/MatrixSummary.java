package io.pvebench.report;

import io.pvebench.assess.MetricSeries;
import io.pvebench.assess.StatisticResult;
import io.pvebench.assess.Summary;
import io.pvebench.assess.Verdict;
import io.pvebench.measure.Quantities;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunListener;
import io.pvebench.run.RunResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The matrix across repetitions, like the study's tables: per metric and matrix cell
 * ({@link MetricSeries#CELL}: VM spec, scenario, variant, direction, node), the statistics of
 * the per-repetition values (mean, median, min, max, stdev, p05, p95, t and bootstrap 95%
 * confidence intervals of the mean). Written at the end of the run as {@code matrix.json} and
 * {@code matrix.csv}; the key metrics also go to the console, followed by which cell fails
 * which objective on a statistic. Broken cases and warm-up samples are left out, as they are
 * for those objectives, so the table shows the numbers the objectives judged.
 */
public final class MatrixSummary implements RunListener {

    /** Cell labels the console table always shows; the others only when some row has them. */
    private static final List<String> ALWAYS_SHOWN = List.of("vmSpec", "scenario", "node");
    private static final Map<String, Integer> WIDTHS = Map.of("vmSpec", 14, "scenario", 10, "variant", 10,
            "direction", 9, "node", 6);
    private static final List<String> CONSOLE_METRICS = List.of("throughput", "rtt_avg", "packet_loss");

    private final RunFolder folder;
    private final PrintStream console;

    public MatrixSummary(RunFolder folder, PrintStream console) {
        this.folder = folder;
        this.console = console;
    }

    @Override
    public void runFinished(RunResult result) {
        List<Map<String, Object>> rows = rows(result);
        folder.writeJson("matrix.json", rows);
        folder.writeText("matrix.csv", csv(rows));
        print(rows);
        printStatistics(result.statistics());
    }

    /**
     * The matrix's rows, as {@code matrix.json} holds them: one per metric and cell, keys in
     * column order, undefined statistics null. Every report of the matrix starts from these.
     */
    static List<Map<String, Object>> rows(RunResult result) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MetricSeries series : MetricSeries.cells(result.unbrokenSamples())) {
            rows.add(row(series, series.summary(result.info().seed())));
        }
        return rows;
    }

    private static Map<String, Object> row(MetricSeries series, Summary s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("metric", series.metric());
        row.put("unit", series.unit());
        for (String key : MetricSeries.CELL) {
            row.put(key, series.group().getOrDefault(key, ""));
        }
        row.put("n", s.n());
        row.put("mean", s.mean());
        row.put("median", s.median());
        row.put("min", s.min());
        row.put("max", s.max());
        row.put("stdev", finite(s.stdev()));
        row.put("p05", s.p05());
        row.put("p95", s.p95());
        row.put("ci95Low", finite(s.ciLow()));
        row.put("ci95High", finite(s.ciHigh()));
        row.put("bootstrapLow", finite(s.bootstrapLow()));
        row.put("bootstrapHigh", finite(s.bootstrapHigh()));
        return row;
    }

    /** JSON has no NaN: an undefined statistic (one repetition) is null. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static String csv(List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder();
        if (rows.isEmpty()) {
            return out.toString();
        }
        out.append(String.join(",", rows.get(0).keySet())).append('\n');
        for (Map<String, Object> row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object value : row.values()) {
                cells.add(value == null ? "" : value instanceof Double d
                        ? String.format(Locale.ROOT, "%.6g", d) : value.toString());
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    private void print(List<Map<String, Object>> rows) {
        List<Map<String, Object>> shown = rows.stream()
                .filter(r -> CONSOLE_METRICS.contains((String) r.get("metric"))).toList();
        if (shown.isEmpty()) {
            return;
        }
        List<String> columns = MetricSeries.CELL.stream()
                .filter(k -> ALWAYS_SHOWN.contains(k) || shown.stream().anyMatch(r -> !"".equals(r.get(k))))
                .toList();
        console.printf("%nacross repetitions (mean, 95%% CI of the mean)%n");
        StringBuilder header = new StringBuilder();
        columns.forEach(k -> header.append(String.format("%-" + WIDTHS.get(k) + "s ", k)));
        console.printf("%s%-12s %3s %14s  %s%n", header, "metric", "n", "mean", "95% CI");
        for (Map<String, Object> r : shown) {
            String unit = (String) r.get("unit");
            Double low = (Double) r.get("ci95Low");
            Double high = (Double) r.get("ci95High");
            StringBuilder cell = new StringBuilder();
            columns.forEach(k -> cell.append(String.format("%-" + WIDTHS.get(k) + "s ", r.get(k))));
            console.printf("%s%-12s %3d %14s  %s%n", cell, r.get("metric"), (Integer) r.get("n"),
                    Quantities.format((Double) r.get("mean"), unit),
                    low == null ? "- (one repetition)" : "[" + Quantities.format(low, unit) + ", "
                            + Quantities.format(high, unit) + "]");
        }
    }

    /** A count per verdict, then one line per cell and objective that did not pass. */
    private void printStatistics(List<StatisticResult> results) {
        if (results.isEmpty()) {
            return;
        }
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        results.forEach(r -> counts.merge(r.verdict(), 1L, Long::sum));
        List<String> tally = new ArrayList<>();
        counts.forEach((verdict, n) -> tally.add(n + " " + verdict.id()));
        console.printf("%nobjectives on statistics across repetitions: %s%n", String.join(", ", tally));
        for (StatisticResult r : results) {
            if (r.verdict() != Verdict.PASS) {
                console.printf("  %-7s %s (%s) in %s: %s%n", r.verdict().name(), r.objective().key(),
                        r.objective().written(), CellNames.of(r.group()), r.message());
            }
        }
    }
}
