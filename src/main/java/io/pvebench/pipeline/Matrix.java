package io.pvebench.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Expands a pipeline into its cases. Stateless. */
public final class Matrix {

    private Matrix() {
    }

    /**
     * Every case of {@code pipeline}, VM spec × scenario × variant × repetition, in that
     * nesting order (all repetitions of the first spec's first scenario under its first
     * variant come first). Without variants the dimension is absent: VM spec × scenario ×
     * repetition, and no case has a variant.
     */
    public static List<CasePlan> expand(Pipeline pipeline) {
        List<Variant> variants = new ArrayList<>(pipeline.variants());
        if (variants.isEmpty()) {
            variants.add(null);
        }
        List<CasePlan> cases = new ArrayList<>();
        for (VmSpec spec : pipeline.vmSpecs()) {
            for (String scenario : pipeline.scenarios()) {
                for (Variant variant : variants) {
                    for (int r = 1; r <= pipeline.repetitions(); r++) {
                        cases.add(new CasePlan(CasePlan.idOf(spec, scenario, variant, r), spec, scenario, variant, r));
                    }
                }
            }
        }
        return List.copyOf(cases);
    }

    /**
     * The cases in the order a run takes them: shuffled with {@code seed}, so slow drifts
     * of the cluster (warming caches, a neighbour's backup) spread over every spec,
     * scenario and variant instead of biasing the last ones; the same seed gives the same
     * order. Variants are not grouped: a run may switch the cluster's configuration between
     * any two cases (the configure stage keeps a variant applied while consecutive cases share it).
     */
    public static List<CasePlan> runOrder(Pipeline pipeline, long seed) {
        List<CasePlan> cases = new ArrayList<>(expand(pipeline));
        Collections.shuffle(cases, new Random(seed));
        return List.copyOf(cases);
    }
}
