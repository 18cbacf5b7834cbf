package io.pvebench.report;

import io.pvebench.assess.MetricSeries;
import io.pvebench.measure.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The matrix across repetitions ({@link MatrixSummary#rows}) as an HTML table a person
 * reads in the report: per metric and matrix cell ({@link MetricSeries#CELL}; a label no row
 * has, such as {@code variant} before variants exist, gets no column), the number of repetitions
 * and the statistics of their values in readable units ({@code 9.41 Gbit/s}). A statistic
 * one repetition cannot give is a dash. Stateless.
 */
final class MatrixHtml {

    private static final Map<String, String> CELL_HEADINGS = Map.of("vmSpec", "VM spec");
    private static final List<String> NUMBER_HEADINGS = List.of("n", "mean", "median", "p95", "min", "max", "stdev",
            "95% CI (t)", "95% CI (bootstrap)");
    private static final String CELL = "padding:3px 8px;border-bottom:1px solid #ddd;white-space:nowrap;"
            + "text-align:left;";
    private static final String NUMBER = "padding:3px 8px;border-bottom:1px solid #ddd;white-space:nowrap;"
            + "text-align:right;";

    private MatrixHtml() {
    }

    /** The table alone, to show inside a page (Allure's description pane). */
    static String table(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return "<p>No statistics: no case finished without breaking.</p>";
        }
        List<String> cellKeys = new ArrayList<>();
        for (String key : MetricSeries.CELL) {
            if (rows.stream().anyMatch(r -> r.get(key) != null && !r.get(key).toString().isEmpty())) {
                cellKeys.add(key);
            }
        }
        StringBuilder html = new StringBuilder("<div style=\"overflow-x:auto\">"
                + "<table style=\"border-collapse:collapse;font-size:13px\">\n<thead><tr>");
        heading(html, CELL, "metric");
        cellKeys.forEach(key -> heading(html, CELL, CELL_HEADINGS.getOrDefault(key, key)));
        NUMBER_HEADINGS.forEach(h -> heading(html, NUMBER, h));
        html.append("</tr></thead>\n<tbody>\n");
        for (Map<String, Object> row : rows) {
            String unit = (String) row.get("unit");
            html.append("<tr>");
            text(html, row.get("metric"));
            cellKeys.forEach(key -> text(html, row.getOrDefault(key, "")));
            number(html, String.valueOf(row.get("n")));
            for (String statistic : List.of("mean", "median", "p95", "min", "max", "stdev")) {
                number(html, quantity(row.get(statistic), unit));
            }
            number(html, interval(row.get("ci95Low"), row.get("ci95High"), unit));
            number(html, interval(row.get("bootstrapLow"), row.get("bootstrapHigh"), unit));
            html.append("</tr>\n");
        }
        return html.append("</tbody></table></div>").toString();
    }

    /** A page of its own, to open as a report attachment or from disk. */
    static String page(String title, List<Map<String, Object>> rows) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head>\n"
                + "<body style=\"font-family:sans-serif\">\n<h2>" + escape(title) + "</h2>\n" + table(rows)
                + "\n</body></html>\n";
    }

    private static void heading(StringBuilder html, String style, String text) {
        html.append("<th style=\"").append(style).append("border-bottom:2px solid #999\">").append(escape(text))
                .append("</th>");
    }

    private static void text(StringBuilder html, Object value) {
        html.append("<td style=\"").append(CELL).append("\">").append(escape(String.valueOf(value))).append("</td>");
    }

    private static void number(StringBuilder html, String value) {
        html.append("<td style=\"").append(NUMBER).append("\">").append(escape(value)).append("</td>");
    }

    private static String quantity(Object value, String unit) {
        return value == null ? "–" : Quantities.format((Double) value, unit);
    }

    private static String interval(Object low, Object high, String unit) {
        return low == null || high == null ? "–"
                : "[" + Quantities.format((Double) low, unit) + ", " + Quantities.format((Double) high, unit) + "]";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
