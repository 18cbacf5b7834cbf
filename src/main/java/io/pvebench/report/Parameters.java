package io.pvebench.report;

import io.pvebench.measure.Quantities;
import io.pvebench.pipeline.CasePlan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A case's parameters as every report shows them (summary.json, Allure), in one order:
 * the matrix's dimensions, with the VM spec's size beside its name. A case of a pipeline
 * with configuration variants also has its {@code variant} and that variant's settings.
 */
final class Parameters {

    private Parameters() {
    }

    static Map<String, String> of(CasePlan plan) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("vmSpec", plan.vmSpec().name());
        p.put("cores", String.valueOf(plan.vmSpec().cores()));
        p.put("memory", Quantities.format(plan.vmSpec().memoryBytes(), "bytes"));
        p.put("scenario", plan.scenario());
        if (plan.variant() != null) {
            p.put("variant", plan.variant().name());
            p.put("variantSettings", plan.variant().settings());
        }
        p.put("repetition", String.valueOf(plan.repetition()));
        return p;
    }
}
