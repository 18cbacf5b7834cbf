package io.pvebench.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a pipeline's {@code compare:} into {@link CompareSettings}, every problem with its position. */
final class CompareReader {

    private static final Keys COMPARE = Keys.allowed("baseline", "noise", "alpha").required("baseline");

    private final Values values;
    private final Path baseDir;
    private final Path home;
    /** Whether a baseline folder must exist: not when a run's copy of its pipeline is read back. */
    private final boolean baselineMustExist;

    CompareReader(Values values, Path baseDir, Path home, boolean baselineMustExist) {
        this.values = values;
        this.baseDir = baseDir;
        this.home = home;
        this.baselineMustExist = baselineMustExist;
    }

    Optional<CompareSettings> read(MappingReader parent) {
        Optional<MappingReader> found = parent.mapping("compare", COMPARE);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MappingReader c = found.get();
        int before = values.problems().count();
        Optional<String> baseline = c.text("baseline");
        Optional<Path> folder = baseline.filter(text -> !text.equals(CompareSettings.LAST_PASSING))
                .flatMap(text -> c.path("baseline", baseDir, home));
        folder.filter(f -> baselineMustExist && !Files.isRegularFile(f.resolve("samples.jsonl"))).ifPresent(f ->
                values.problems().add(c.node("baseline").orElseThrow().position(), "'compare.baseline': " + f
                        + " is not a run folder (it has no samples.jsonl)", "a folder pvebench run wrote, such as"
                        + " reports/<pipeline>-<date>-<id>, relative to this file; or last-passing for the newest"
                        + " earlier passing run of this pipeline"));
        double noise = c.percent("noise").orElse(CompareSettings.DEFAULT_NOISE * 100) / 100;
        double alpha = c.positive("alpha").orElse(CompareSettings.DEFAULT_ALPHA);
        if (alpha >= 1) {
            values.problems().add(c.node("alpha").orElseThrow().position(), "'compare.alpha' must be under 1, got "
                    + alpha, "a significance level such as 0.05");
        }
        if (values.problems().count() > before || baseline.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CompareSettings(folder, noise, alpha));
    }
}
