package io.pvebench.assess;

import io.pvebench.measure.Sample;
import java.util.Collection;
import java.util.List;

/**
 * The samples objectives judge: all but the warm-up and the probes through a migration. A
 * stage that lets a load settle before it measures labels the samples of that stretch
 * {@code phase=warmup}; they show how the system got going, not how it performs. The
 * throughput and round-trip series measured through a live migration are labelled
 * {@code phase=migration}: they show the disturbance, which the {@code migration_*}
 * metrics judge, and would otherwise fail every steady-state objective. No objective
 * (every sample or a statistic over repetitions) and no statistic across repetitions
 * counts either. This is the one place that rule lives. Stateless and thread-safe.
 */
public final class JudgedSamples {

    /** The label that names the stretch of a case's timeline a sample belongs to. */
    public static final String PHASE = "phase";
    /** The value of {@link #PHASE} that keeps a sample out of every judgement. */
    public static final String WARMUP = "warmup";
    /** The value of {@link #PHASE} of the probes' series through a live migration. */
    public static final String MIGRATION = "migration";

    private JudgedSamples() {
    }

    /** Whether objectives and statistics count {@code sample}. */
    public static boolean counts(Sample sample) {
        String phase = sample.labels().get(PHASE);
        return !WARMUP.equals(phase) && !MIGRATION.equals(phase);
    }

    /** The samples that count, in their order; {@code samples} is not changed. */
    public static List<Sample> of(Collection<Sample> samples) {
        return samples.stream().filter(JudgedSamples::counts).toList();
    }
}
