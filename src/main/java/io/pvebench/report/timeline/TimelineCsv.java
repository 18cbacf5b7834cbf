package io.pvebench.report.timeline;

import io.pvebench.measure.Sample;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A case's time series as CSV for a spreadsheet: one row per sample, series after series
 * (by metric, then labels), each in time order. Stateless.
 *
 * <p>Columns: {@code time} (ISO-8601, UTC), {@code seconds} (since the timeline's origin,
 * see {@link CaseTimeline}), {@code metric}, {@code unit}, {@code value} (in the unit, plain
 * decimal), {@code phases} (the phases the sample lies in, {@code ;}-separated, empty
 * between phases), then one column per label key any of the case's series has, sorted by
 * key (a label a row lacks is empty), so filtering by {@code direction} or {@code node} is
 * one click. Fields are quoted as RFC 4180 says when they hold a comma, quote or line
 * break; lines end with {@code \n}.
 */
public final class TimelineCsv {

    static final List<String> FIXED_COLUMNS = List.of("time", "seconds", "metric", "unit", "value", "phases");

    private TimelineCsv() {
    }

    public static String render(CaseTimeline timeline) {
        TreeSet<String> labelKeys = new TreeSet<>();
        for (TimeSeries series : timeline.series()) {
            series.points().forEach(p -> labelKeys.addAll(p.labels().keySet()));
        }
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(FIXED_COLUMNS);
        header.addAll(labelKeys);
        line(out, header);
        for (TimeSeries series : timeline.series()) {
            for (Sample p : series.points()) {
                List<String> cells = new ArrayList<>(List.of(p.timestamp().toString(),
                        timeline.secondsAt(p.timestamp()).toPlainString(), p.metric(), p.unit(),
                        plain(p.value()),
                        String.join(";", timeline.phasesAt(p.timestamp()))));
                for (String key : labelKeys) {
                    cells.add(p.labels().getOrDefault(key, ""));
                }
                line(out, cells);
            }
        }
        return out.toString();
    }

    /** Plain decimal, never an exponent a spreadsheet might misread; NaN stays NaN. */
    private static String plain(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                : Double.toString(value);
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quoted(cells.get(i)));
        }
        out.append('\n');
    }

    private static String quoted(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }
}
