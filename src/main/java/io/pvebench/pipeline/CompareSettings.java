package io.pvebench.pipeline;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline's {@code compare:}: the baseline every run of it is held against when it ends, as
 * {@code pvebench compare} would hold it.
 *
 * @param baselineFolder a fixed run folder; empty for the newest earlier passing run of this pipeline
 *                       in the same output folder ({@code baseline: last-passing})
 * @param noise          relative change (0..1) under which nothing counts
 * @param alpha          significance level of the test over repetitions
 */
public record CompareSettings(Optional<Path> baselineFolder, double noise, double alpha) {

    /** How a pipeline, and {@code pvebench compare}, names the newest earlier passing run of the pipeline. */
    public static final String LAST_PASSING = "last-passing";
    public static final double DEFAULT_NOISE = 0.05;
    public static final double DEFAULT_ALPHA = 0.05;

    public CompareSettings {
        Objects.requireNonNull(baselineFolder, "baselineFolder");
        if (!(noise >= 0) || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("noise must be at least 0 and alpha between 0 and 1, got " + noise
                    + " and " + alpha);
        }
    }

    /** How a person names the baseline: the folder, or "last-passing". */
    public String describeBaseline() {
        return baselineFolder.map(Path::toString).orElse(LAST_PASSING);
    }
}
