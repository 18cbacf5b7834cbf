package io.pvebench.pipeline;

import java.util.Objects;

/**
 * One case of a pipeline's matrix: a VM spec under a scenario, with a configuration
 * variant when the pipeline has any, in one repetition.
 *
 * @param id         {@code <vmSpec>-<scenario>-r<repetition>}, or {@code
 *                   <vmSpec>-<scenario>-<variant>-r<repetition>} with a variant; unique in
 *                   its pipeline
 * @param variant    the configuration variant the case runs under, or null when the pipeline
 *                   has no variants (the matrix then has no variant dimension)
 * @param repetition 1-based
 */
public record CasePlan(String id, VmSpec vmSpec, String scenario, Variant variant, int repetition) {

    public CasePlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vmSpec, "vmSpec");
        Objects.requireNonNull(scenario, "scenario");
        if (repetition < 1) {
            throw new IllegalArgumentException("repetitions count from 1: " + repetition);
        }
    }

    /** A case of a matrix without variants. */
    public CasePlan(String id, VmSpec vmSpec, String scenario, int repetition) {
        this(id, vmSpec, scenario, null, repetition);
    }

    /** The id a case of these dimensions gets. */
    public static String idOf(VmSpec vmSpec, String scenario, Variant variant, int repetition) {
        return vmSpec.name() + "-" + scenario + (variant == null ? "" : "-" + variant.name()) + "-r" + repetition;
    }

    /** The variant's name, or null without one. */
    public String variantName() {
        return variant == null ? null : variant.name();
    }
}
