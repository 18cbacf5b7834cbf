package io.pvebench.report.timeline;

import io.pvebench.measure.Sample;
import io.pvebench.run.Phase;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The chart model of one {@link ChartKind} for one case, before it is drawn: a line per
 * series of the kind's metric (per {@code direction}, {@code node} or VM: whatever label
 * tells the series apart), time in seconds since the timeline's origin, values in the
 * kind's axis unit, phases shaded by {@link PhaseBands}. Stateless.
 */
public final class TimelineChart {

    /** Line colours (Tableau 10 without its orange, which marks nested phases). */
    private static final List<Color> LINE_COLOURS = List.of(new Color(0x1F77B4), new Color(0xD62728),
            new Color(0x2CA02C), new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2),
            new Color(0x7F7F7F), new Color(0x17BECF), new Color(0xBCBD22));
    /** Above this many points a line is drawn without a dot per point, which would blot it out. */
    private static final int MAX_POINTS_WITH_DOTS = 120;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font AXIS_LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private TimelineChart() {
    }

    /** The chart of {@code kind}, or empty when the case has no series of its metric. */
    public static Optional<JFreeChart> of(ChartKind kind, CaseTimeline timeline) {
        Map<String, XYSeries> lines = lines(kind, timeline);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        lines.values().forEach(dataset::addSeries);

        NumberAxis time = new NumberAxis("Time since case start (s)");
        time.setRange(0, axisEnd(dataset, timeline));
        NumberAxis value = new NumberAxis(kind.axisLabel());
        value.setAutoRangeIncludesZero(true);
        // room above the data for the phases' labels
        value.setUpperMargin(0.15);
        for (NumberAxis axis : List.of(time, value)) {
            axis.setLabelFont(AXIS_LABEL_FONT);
            axis.setTickLabelFont(TICK_FONT);
        }

        XYPlot plot = new XYPlot(dataset, time, value, renderer(dataset));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xD0D0D0));
        plot.setRangeGridlinePaint(new Color(0xD0D0D0));
        PhaseBands.shade(plot, timeline);

        JFreeChart chart = new JFreeChart(timeline.caseId() + ": " + kind.title(), TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        if (dataset.getSeriesCount() > 1) {
            LegendTitle legend = new LegendTitle(plot);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setItemFont(TICK_FONT);
            chart.addLegend(legend);
        }
        return Optional.of(chart);
    }

    /**
     * One line per distinct set of the labels that tell the kind's series apart, named by
     * them; the series of one line (a warm-up's points and the measurement's after them)
     * are merged in time order.
     */
    static Map<String, XYSeries> lines(ChartKind kind, CaseTimeline timeline) {
        List<TimeSeries> series = timeline.series(kind.metric()).stream()
                .filter(s -> s.unit().equals(kind.sampleUnit())).toList();
        Map<String, XYSeries> lines = new LinkedHashMap<>();
        for (TimeSeries s : series) {
            String name = lineName(s, series, kind);
            XYSeries line = lines.computeIfAbsent(name, n -> new XYSeries(n, true, true));
            for (Sample p : s.points()) {
                line.add(timeline.secondsAt(p.timestamp()).doubleValue(), p.value() * kind.scale());
            }
        }
        return lines;
    }

    /**
     * The values of the labels that differ between the kind's series ({@code forward},
     * {@code pve1}); a bare number gets its key ({@code vm 101}); the metric itself when
     * there is one series.
     */
    private static String lineName(TimeSeries s, List<TimeSeries> all, ChartKind kind) {
        Map<String, String> distinguishing = new TreeMap<>();
        s.labels().forEach((key, value) -> {
            if (all.stream().anyMatch(other -> !value.equals(other.labels().get(key)))) {
                distinguishing.put(key, value);
            }
        });
        if (distinguishing.isEmpty()) {
            return kind.metric();
        }
        if (distinguishing.size() == 1) {
            Map.Entry<String, String> only = distinguishing.entrySet().iterator().next();
            return only.getValue().matches("\\d+") ? only.getKey() + " " + only.getValue() : only.getValue();
        }
        return String.join(", ", distinguishing.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .toList());
    }

    private static XYLineAndShapeRenderer renderer(XYSeriesCollection dataset) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, LINE_COLOURS.get(i % LINE_COLOURS.size()));
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
            renderer.setSeriesShapesVisible(i, dataset.getSeries(i).getItemCount() <= MAX_POINTS_WITH_DOTS);
        }
        return renderer;
    }

    /** The last second to show: the last point or the end of the last phase, whichever is later. */
    private static double axisEnd(XYSeriesCollection dataset, CaseTimeline timeline) {
        double end = dataset.getDomainUpperBound(false);
        for (Phase phase : timeline.phases()) {
            end = Math.max(end, timeline.secondsAt(phase.end()).doubleValue());
        }
        return end > 0 ? end * 1.02 : 1;
    }
}
