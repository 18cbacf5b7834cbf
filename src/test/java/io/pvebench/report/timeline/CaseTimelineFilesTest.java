package io.pvebench.report.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.measure.Sample;
import io.pvebench.run.Attachment;
import io.pvebench.run.RunFolder;
import io.pvebench.testsupport.LoadedCase;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseTimelineFilesTest {

    @TempDir
    Path parent;

    @Test
    void writesTheCsvAndOnePngPerChartIntoTheCasesFolder() throws Exception {
        RunFolder folder = RunFolder.create(parent, "run");

        CaseTimelineFiles.Written written = new CaseTimelineFiles(folder).write(LoadedCase.result());

        assertThat(written.problems()).isEmpty();
        assertThat(written.attachments()).extracting(Attachment::file).map(Path::toString).containsExactly(
                "cases/small-burst-r1/timeseries.csv", "cases/small-burst-r1/throughput.png",
                "cases/small-burst-r1/rtt.png", "cases/small-burst-r1/node-cpu.png",
                "cases/small-burst-r1/vm-cpu.png");
        assertThat(written.attachments()).extracting(Attachment::mimeType)
                .containsExactly("text/csv", "image/png", "image/png", "image/png", "image/png");
        for (Attachment png : written.attachments().subList(1, 5)) {
            BufferedImage image = ImageIO.read(folder.root().resolve(png.file()).toFile());
            assertThat(image).as(png.title()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(900);
            assertThat(image.getHeight()).isEqualTo(400);
        }
        assertThat(Files.readAllLines(folder.root().resolve(written.attachments().get(0).file())))
                .hasSize(1 + 15 + 10 + 25 + 4 * 30 + 4 * 30);
        try (Stream<Path> files = Files.list(folder.root().resolve("cases/small-burst-r1"))) {
            assertThat(files).noneMatch(f -> f.toString().endsWith(".tmp"));
        }
    }

    @Test
    void onlyTheChartsWhoseSeriesTheCaseHasAreDrawn() {
        RunFolder folder = RunFolder.create(parent, "run");
        List<Sample> networkOnly = LoadedCase.samples("c1", 1).stream()
                .filter(s -> s.metric().startsWith("throughput") || s.metric().startsWith("rtt")).toList();

        CaseTimelineFiles.Written written = new CaseTimelineFiles(folder)
                .write(LoadedCase.result("c1", 1, networkOnly));

        assertThat(written.attachments()).extracting(a -> a.file().getFileName().toString())
                .containsExactly("timeseries.csv", "throughput.png", "rtt.png");
    }

    @Test
    void aCaseWithoutTimeSeriesGetsNoFiles() {
        RunFolder folder = RunFolder.create(parent, "run");
        List<Sample> summaries = LoadedCase.samples("c1", 1).stream()
                .filter(s -> s.metric().equals("throughput") || s.metric().equals("rtt_avg")).toList();

        CaseTimelineFiles.Written written = new CaseTimelineFiles(folder).write(LoadedCase.result("c1", 1, summaries));

        assertThat(written.attachments()).isEmpty();
        assertThat(written.problems()).isEmpty();
        assertThat(folder.root().resolve("cases")).doesNotExist();
    }

    @Test
    void aFileThatCannotBeWrittenIsReportedAndTheOthersAreStillTried() throws Exception {
        RunFolder folder = RunFolder.create(parent, "run");
        // a plain file where the case's folder should be: every write into it fails
        Files.createDirectories(folder.root().resolve("cases"));
        Files.writeString(folder.root().resolve("cases/small-burst-r1"), "in the way");

        CaseTimelineFiles.Written written = new CaseTimelineFiles(folder).write(LoadedCase.result());

        assertThat(written.attachments()).isEmpty();
        assertThat(written.problems()).hasSize(5);
        assertThat(written.problems().get(0)).startsWith("timeseries.csv: cannot write cases/small-burst-r1/");
        assertThat(written.problems().get(1)).startsWith("throughput.png: ");
    }
}
