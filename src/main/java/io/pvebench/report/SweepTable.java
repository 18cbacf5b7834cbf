package io.pvebench.report;

import io.pvebench.balance.SweepRanking;
import io.pvebench.balance.SweepResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the balancer did in each case, ranked per load level by {@link SweepRanking}'s rule,
 * and its recommendation: the threshold sweep's answer, the same in every report.
 */
final class SweepTable {

    static final String TITLE = "Balancer sweep";

    private SweepTable() {
    }

    /** One row per case, best first within each load, loads in the order they first ran. */
    static List<Map<String, Object>> rows(List<SweepResult> results) {
        Map<String, List<SweepResult>> byLoad = results.stream()
                .collect(Collectors.groupingBy(SweepResult::load, LinkedHashMap::new, Collectors.toList()));
        List<Map<String, Object>> rows = new ArrayList<>();
        byLoad.forEach((load, rs) -> {
            int rank = 1;
            for (SweepResult r : SweepRanking.rank(rs)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("load", load);
                row.put("rank", rank++);
                row.put("setting", r.setting().describe());
                row.put("balanced", r.score().balanced());
                row.put("timeToBalanceS", r.score().timeToBalance().map(d -> d.toMillis() / 1000.0).orElse(null));
                row.put("imbalanceBeforePercent", round(r.score().imbalanceBefore() * 100));
                row.put("imbalanceAfterPercent", round(r.score().imbalanceAfter() * 100));
                row.put("migrations", r.score().migrations());
                row.put("failedMigrations", r.score().failedMigrations());
                row.put("thrash", r.score().thrash());
                row.put("strandedCpu", r.score().strandedCpuAfter().isPresent()
                        ? round(r.score().strandedCpuAfter().getAsDouble()) : null);
                rows.add(row);
            }
        });
        return rows;
    }

    static String recommendation(List<SweepResult> results) {
        return SweepRanking.recommend(results);
    }

    /** The rows as plain text columns, for the console. */
    static List<String> lines(List<Map<String, Object>> rows) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-10s %4s  %-70s %9s %9s %13s %6s %9s", "load", "rank", "setting",
                "balanced", "in", "imbalance", "moves", "stranded"));
        for (Map<String, Object> r : rows) {
            Object t = r.get("timeToBalanceS");
            out.add(String.format(Locale.ROOT, "%-10s %4s  %-70s %9s %9s %13s %6s %9s", r.get("load"), r.get("rank"),
                    r.get("setting"), (Boolean) r.get("balanced") ? "yes" : "no",
                    t == null ? "-" : String.format(Locale.ROOT, "%.0f s", (Double) t),
                    r.get("imbalanceBeforePercent") + "->" + r.get("imbalanceAfterPercent") + " %",
                    r.get("migrations") + ((int) r.get("failedMigrations") > 0 ? "!" + r.get("failedMigrations") : "")
                            + ((int) r.get("thrash") > 0 ? "~" + r.get("thrash") : ""),
                    stranded(r)));
        }
        return out;
    }

    /** The rows as an HTML table. */
    static String html(List<Map<String, Object>> rows, String recommendation) {
        StringBuilder html = new StringBuilder("<p><b>Recommendation:</b> ").append(MatrixHtml.escape(recommendation))
                .append("</p>\n<table><tr><th>load</th><th>rank</th><th>setting</th><th>balanced</th>"
                        + "<th>time to balance</th><th>imbalance before</th><th>imbalance after</th>"
                        + "<th>migrations</th><th>failed</th><th>back and forth</th>"
                        + "<th>CPUs idle while guests wait</th></tr>\n");
        for (Map<String, Object> r : rows) {
            Object t = r.get("timeToBalanceS");
            html.append("<tr><td>").append(MatrixHtml.escape(String.valueOf(r.get("load")))).append("</td><td>")
                    .append(r.get("rank")).append("</td><td>").append(MatrixHtml.escape(String.valueOf(r.get("setting"))))
                    .append("</td><td>").append((Boolean) r.get("balanced") ? "yes" : "no").append("</td><td>")
                    .append(t == null ? "-" : String.format(Locale.ROOT, "%.0f s", (Double) t)).append("</td><td>")
                    .append(r.get("imbalanceBeforePercent")).append(" %</td><td>")
                    .append(r.get("imbalanceAfterPercent")).append(" %</td><td>").append(r.get("migrations"))
                    .append("</td><td>").append(r.get("failedMigrations")).append("</td><td>").append(r.get("thrash"))
                    .append("</td><td>").append(stranded(r)).append("</td></tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    /** The rows as CSV, header first. */
    static String csv(List<Map<String, Object>> rows) {
        StringBuilder csv = new StringBuilder("load,rank,setting,balanced,time_to_balance_s,imbalance_before_percent,"
                + "imbalance_after_percent,migrations,failed_migrations,thrash,stranded_cpu\n");
        for (Map<String, Object> r : rows) {
            Object t = r.get("timeToBalanceS");
            csv.append(r.get("load")).append(',').append(r.get("rank")).append(",\"")
                    .append(String.valueOf(r.get("setting")).replace("\"", "\"\"")).append("\",")
                    .append(r.get("balanced")).append(',').append(t == null ? "" : t).append(',')
                    .append(r.get("imbalanceBeforePercent")).append(',').append(r.get("imbalanceAfterPercent"))
                    .append(',').append(r.get("migrations")).append(',').append(r.get("failedMigrations")).append(',')
                    .append(r.get("thrash")).append(',')
                    .append(r.get("strandedCpu") == null ? "" : r.get("strandedCpu")).append('\n');
        }
        return csv.toString();
    }

    /** CPUs left idle while guests elsewhere waited, or {@code -} when the run queues were not read. */
    private static String stranded(Map<String, Object> row) {
        Object cpus = row.get("strandedCpu");
        return cpus == null ? "-" : cpus + " CPUs";
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
