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
     * Every case of {@code pipeline}, VM spec × scenario × repetition, in that nesting
     * order (all repetitions of the first spec's first scenario come first).
     */
    public static List<CasePlan> expand(Pipeline pipeline) {
        List<CasePlan> cases = new ArrayList<>();
        for (VmSpec spec : pipeline.vmSpecs()) {
            for (String scenario : pipeline.scenarios()) {
                for (int r = 1; r <= pipeline.repetitions(); r++) {
                    cases.add(new CasePlan(spec.name() + "-" + scenario + "-r" + r, spec, scenario, r));
                }
            }
        }
        return List.copyOf(cases);
    }

    /**
     * The cases in the order a run takes them: shuffled with {@code seed}, so slow drifts
     * of the cluster (warming caches, a neighbour's backup) spread over every spec and
     * scenario instead of biasing the last ones; the same seed gives the same order.
     */
    public static List<CasePlan> runOrder(Pipeline pipeline, long seed) {
        List<CasePlan> cases = new ArrayList<>(expand(pipeline));
        Collections.shuffle(cases, new Random(seed));
        return List.copyOf(cases);
    }
}
