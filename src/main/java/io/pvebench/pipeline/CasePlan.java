package io.pvebench.pipeline;

import java.util.Objects;

/**
 * One case of a pipeline's matrix: a VM spec under a scenario, in one repetition.
 *
 * @param id         {@code <vmSpec>-<scenario>-r<repetition>}, unique in its pipeline
 * @param repetition 1-based
 */
public record CasePlan(String id, VmSpec vmSpec, String scenario, int repetition) {

    public CasePlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vmSpec, "vmSpec");
        Objects.requireNonNull(scenario, "scenario");
        if (repetition < 1) {
            throw new IllegalArgumentException("repetitions count from 1: " + repetition);
        }
    }
}
