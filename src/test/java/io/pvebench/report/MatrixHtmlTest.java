package io.pvebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixHtmlTest {

    @Test
    void valuesReadInTheirUnitsAndIntervalsAsBrackets() {
        String html = MatrixHtml.table(List.of(row("throughput", "bit/s", 2, 9.41e9, 9.3e9, 9.5e9)));

        assertThat(html).contains(">throughput</td>").contains(">small</td>").contains(">idle</td>")
                .contains(">9.41 Gbit/s</td>").contains(">[9.3 Gbit/s, 9.5 Gbit/s]</td>");
    }

    @Test
    void aStatisticOneRepetitionCannotGiveIsADash() {
        String html = MatrixHtml.table(List.of(row("rtt_avg", "ms", 1, 0.25, null, null)));

        assertThat(html).contains(">0.25 ms</td>").contains(">–</td>");
    }

    @Test
    void namesFromThePipelineAreEscaped() {
        Map<String, Object> row = row("rtt_avg", "ms", 1, 0.25, null, null);
        row.put("vmSpec", "<b>");

        assertThat(MatrixHtml.table(List.of(row))).contains(">&lt;b&gt;</td>").doesNotContain("<b>");
        assertThat(MatrixHtml.page("a & b", List.of())).contains("<title>a &amp; b</title>");
    }

    private static Map<String, Object> row(String metric, String unit, int n, double mean, Double low, Double high) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("metric", metric);
        row.put("unit", unit);
        row.put("vmSpec", "small");
        row.put("scenario", "idle");
        row.put("node", "pve2");
        row.put("n", n);
        for (String statistic : List.of("mean", "median", "min", "max", "p05", "p95")) {
            row.put(statistic, mean);
        }
        row.put("stdev", low == null ? null : 0.1 * mean);
        row.put("ci95Low", low);
        row.put("ci95High", high);
        row.put("bootstrapLow", low);
        row.put("bootstrapHigh", high);
        return row;
    }
}
