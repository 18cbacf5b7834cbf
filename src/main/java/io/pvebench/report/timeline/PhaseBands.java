package io.pvebench.report.timeline;

import io.pvebench.run.Phase;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

/**
 * Shades a case's phases on a chart's time axis as labelled bands. A phase that lies
 * inside another one (an anomaly-load burst inside a measurement phase) is drawn on top
 * of the data in translucent orange with its label at the bottom; the others are tinted
 * bands behind the data, labelled at the top, so nested phases stay visible where bands
 * overlap.
 */
final class PhaseBands {

    /** Tints of the bands behind the data, one per phase in turn; light enough for the lines to read. */
    private static final List<Color> TINTS = List.of(new Color(0xDCE9F7), new Color(0xE3F1DA),
            new Color(0xECE2F4), new Color(0xF5EDD6), new Color(0xE4E4E4));
    private static final Color NESTED = new Color(0xF28E2B);
    private static final Color NESTED_FILL = new Color(0xF2, 0x8E, 0x2B, 0x40);
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 200);
    private static final Color NESTED_TEXT = new Color(0xA0501A);
    private static final Color LABEL_TEXT = new Color(0x404040);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private PhaseBands() {
    }

    /** Adds one domain marker per phase to {@code plot}, at seconds on {@code timeline}'s axis. */
    static void shade(XYPlot plot, CaseTimeline timeline) {
        List<Phase> phases = timeline.phases();
        int tint = 0;
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            double start = timeline.secondsAt(phase.start()).doubleValue();
            double end = timeline.secondsAt(phase.end()).doubleValue();
            if (isNested(phases, i)) {
                // translucent through its colour, not the marker's alpha, so its label stays opaque
                IntervalMarker band = new IntervalMarker(start, end, NESTED_FILL, new BasicStroke(1f), NESTED,
                        new BasicStroke(1.5f), 1f);
                label(band, phase.name(), RectangleAnchor.BOTTOM_LEFT, TextAnchor.BOTTOM_LEFT, NESTED_TEXT);
                plot.addDomainMarker(band, Layer.FOREGROUND);
            } else {
                IntervalMarker band = new IntervalMarker(start, end, TINTS.get(tint++ % TINTS.size()));
                label(band, phase.name(), RectangleAnchor.TOP_LEFT, TextAnchor.TOP_LEFT, LABEL_TEXT);
                plot.addDomainMarker(band, Layer.BACKGROUND);
            }
        }
    }

    /**
     * Whether phase {@code i} lies within an earlier one; phases come enclosing-first
     * ({@link CaseTimeline#phases()}), so of two equal stretches the second is the nested one.
     */
    static boolean isNested(List<Phase> phases, int i) {
        Phase inner = phases.get(i);
        for (int j = 0; j < i; j++) {
            Phase outer = phases.get(j);
            if (!inner.start().isBefore(outer.start()) && !inner.end().isAfter(outer.end())) {
                return true;
            }
        }
        return false;
    }

    private static void label(IntervalMarker band, String name, RectangleAnchor anchor, TextAnchor text,
                              Color color) {
        band.setLabel(name);
        band.setLabelFont(LABEL_FONT);
        band.setLabelPaint(color);
        band.setLabelBackgroundColor(LABEL_BACKGROUND);
        band.setLabelAnchor(anchor);
        band.setLabelTextAnchor(text);
        band.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
    }
}
