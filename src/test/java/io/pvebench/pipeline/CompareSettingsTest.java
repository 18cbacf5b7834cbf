package io.pvebench.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.pvebench.pipeline.Fixtures.pipelineProblems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CompareSettingsTest {

    @TempDir
    Path dir;

    private Path pipeline(String compare) throws Exception {
        Path file = dir.resolve("nightly.yaml");
        Files.writeString(file, """
                name: nightly
                vmSpecs:
                  - {name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}
                compare:
                %s
                """.formatted(compare.indent(2).stripTrailing()));
        return file;
    }

    @Test
    void lastPassingNeedsNoFolderAndKeepsTheDefaultThresholds() throws Exception {
        assertThat(PipelineLoader.load(pipeline("baseline: last-passing")).compare()).hasValueSatisfying(c -> {
            assertThat(c.baselineFolder()).isEmpty();
            assertThat(c.describeBaseline()).isEqualTo("last-passing");
            assertThat(c.noise()).isEqualTo(0.05);
            assertThat(c.alpha()).isEqualTo(0.05);
        });
    }

    @Test
    void aBaselineFolderIsReadRelativeToThePipelineFile() throws Exception {
        Path run = Files.createDirectories(dir.resolve("reports/nightly-20261101-020000-ab12"));
        Files.writeString(run.resolve("samples.jsonl"), "");

        assertThat(PipelineLoader.load(pipeline("baseline: reports/nightly-20261101-020000-ab12\nnoise: 10 %\n"
                + "alpha: 0.01")).compare()).hasValueSatisfying(c -> {
            assertThat(c.baselineFolder()).contains(run);
            assertThat(c.noise()).isCloseTo(0.10, within(1e-9));
            assertThat(c.alpha()).isEqualTo(0.01);
        });
    }

    @Test
    void aRunsCopyOfItsPipelineLoadsThoughItsBaselineFolderIsGoneSince() throws Exception {
        Path original = pipeline("baseline: reports/deleted-since");
        Path copy = Files.createDirectories(dir.resolve("reports/nightly-run")).resolve("pipeline.yaml");
        Files.copy(original, copy);

        assertThat(PipelineLoader.loadCopy(copy, original).compare()).hasValueSatisfying(c ->
                assertThat(c.baselineFolder()).contains(dir.resolve("reports/deleted-since")));
    }

    @Test
    void aBaselineThatIsNoRunFolderIsReportedWhereItIsNamed() throws Exception {
        Path file = pipeline("baseline: reports/gone\nalpha: 1.5");

        assertThat(pipelineProblems(file)).satisfiesExactly(
                p -> assertThat(p).startsWith(file + ":5:13: 'compare.baseline': " + dir.resolve("reports/gone")
                        + " is not a run folder (it has no samples.jsonl)").contains("hint: a folder pvebench run wrote"),
                p -> assertThat(p).startsWith(file + ":6:10: 'compare.alpha' must be under 1, got 1.5"));
    }
}
