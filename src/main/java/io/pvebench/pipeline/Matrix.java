package io.pvebench.pipeline;

import java.util.ArrayList;
import java.util.List;

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
}
