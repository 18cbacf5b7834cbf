package io.pvebench.assess;

import io.pvebench.measure.Sample;
import java.util.Collection;
import java.util.List;

/**
 * The samples objectives judge: all but the warm-up. A stage that lets a load settle before
 * it measures labels the samples of that stretch {@code phase=warmup}; they show how the
 * system got going, not how it performs, so no objective (every sample or a statistic over
 * repetitions) and no statistic across repetitions counts them. This is the one place that
 * rule lives. Stateless and thread-safe.
 */
public final class JudgedSamples {

    /** The label that names the stretch of a case's timeline a sample belongs to. */
    public static final String PHASE = "phase";
    /** The value of {@link #PHASE} that keeps a sample out of every judgement. */
    public static final String WARMUP = "warmup";

    private JudgedSamples() {
    }

    /** Whether objectives and statistics count {@code sample}. */
    public static boolean counts(Sample sample) {
        return !WARMUP.equals(sample.labels().get(PHASE));
    }

    /** The samples that count, in their order; {@code samples} is not changed. */
    public static List<Sample> of(Collection<Sample> samples) {
        return samples.stream().filter(JudgedSamples::counts).toList();
    }
}
