package io.pvebench.report.timeline;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;

/**
 * Draws a chart into a PNG in memory, without a display: into an image buffer, never a
 * window. Stateless; thread-safe as far as one chart is drawn by one thread.
 */
public final class ChartPng {

    /** Wide enough for a run of a minute or two to read second by second in a report pane. */
    public static final int WIDTH = 900;
    public static final int HEIGHT = 400;

    private ChartPng() {
    }

    /** The chart drawn at {@link #WIDTH} × {@link #HEIGHT} pixels, PNG-encoded. */
    public static byte[] encode(JFreeChart chart) {
        BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart as PNG", e);
        }
        return png.toByteArray();
    }
}
