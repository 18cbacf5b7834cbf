package io.pvebench.report.timeline;

import io.pvebench.run.Attachment;
import io.pvebench.run.CaseResult;
import io.pvebench.run.RunFolder;
import java.awt.AWTError;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;

/**
 * Writes a case's timeline into its folder of the run ({@code cases/<case>/}): the CSV of
 * its time series and a PNG per {@link ChartKind} whose series the case has. Nothing when
 * the case has no time series. A file that cannot be made is reported and skipped: the
 * case's other files, and its report, do not depend on it.
 *
 * <p>Not thread-safe for one case: called once per finished case, on the run's thread.
 */
public final class CaseTimelineFiles {

    public static final String CSV_FILE = "timeseries.csv";

    static {
        // pvebench never opens a window; without this, AWT on a machine whose DISPLAY names
        // an X server that is gone tries to reach it when a chart is drawn. An explicit
        // -Djava.awt.headless wins.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * What was written.
     *
     * @param attachments the files, relative to the run folder: the CSV first, then the charts
     * @param problems    one line per file that could not be made, saying why; empty when all were
     */
    public record Written(List<Attachment> attachments, List<String> problems) {

        public Written {
            attachments = List.copyOf(attachments);
            problems = List.copyOf(problems);
        }
    }

    private final RunFolder folder;

    public CaseTimelineFiles(RunFolder folder) {
        this.folder = folder;
    }

    public Written write(CaseResult result) {
        List<Attachment> attachments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        CaseTimeline timeline;
        try {
            timeline = CaseTimeline.of(result);
        } catch (RuntimeException e) {
            problems.add("time series: " + e);
            return new Written(attachments, problems);
        }
        if (timeline.isEmpty()) {
            return new Written(attachments, problems);
        }
        try {
            byte[] csv = TimelineCsv.render(timeline).getBytes(StandardCharsets.UTF_8);
            attachments.add(new Attachment("time series (CSV)", folder.writeCaseFile(timeline.caseId(), CSV_FILE, csv),
                    "text/csv"));
        } catch (UncheckedIOException e) {
            problems.add(CSV_FILE + ": " + e.getMessage());
        } catch (RuntimeException e) {
            problems.add(CSV_FILE + ": " + e);
        }
        for (ChartKind kind : ChartKind.values()) {
            try {
                Optional<JFreeChart> chart = TimelineChart.of(kind, timeline);
                if (chart.isPresent()) {
                    byte[] png = ChartPng.encode(chart.get());
                    attachments.add(new Attachment("chart: " + kind.title(),
                            folder.writeCaseFile(timeline.caseId(), kind.fileName(), png), "image/png"));
                }
            } catch (RuntimeException | LinkageError | AWTError | InternalError e) {
                // a JDK without fonts or AWT libraries fails here with an Error, not an exception;
                // losing a chart must not lose the case's report
                problems.add(kind.fileName() + ": " + e);
            }
        }
        return new Written(attachments, problems);
    }
}
