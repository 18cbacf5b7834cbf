package io.pvebench.cli;

import io.pvebench.measure.Quantities;
import io.pvebench.pipeline.CasePlan;
import io.pvebench.pipeline.InventoryCluster;
import io.pvebench.pipeline.Matrix;
import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.Variant;
import java.io.PrintStream;
import java.util.List;

/** {@code run --plan}: the matrix as it would run, without touching any cluster. */
final class PlanPrinter {

    private PlanPrinter() {
    }

    static void print(Pipeline pipeline, long seed, PrintStream out) {
        List<CasePlan> cases = Matrix.runOrder(pipeline, seed);
        String cluster = pipeline.cluster() instanceof InventoryCluster inventory
                ? inventory.definition().name() + " (" + inventory.definition().source() + ")" : "twin";
        String variants = pipeline.variants().isEmpty() ? ""
                : String.format(" x %d variant(s)", pipeline.variants().size());
        out.printf("pipeline %s (%s), cluster %s, seed %d: %d case(s) = %d VM spec(s) x %d scenario(s)%s x %d"
                        + " repetition(s), in this order:%n", pipeline.name(), pipeline.source(), cluster, seed,
                cases.size(), pipeline.vmSpecs().size(), pipeline.scenarios().size(), variants,
                pipeline.repetitions());
        for (Variant v : pipeline.variants()) {
            out.printf("      variant %s: %s%n", v.name(), v.settings());
        }
        int width = cases.stream().mapToInt(c -> c.id().length()).max().orElse(4);
        int index = 1;
        for (CasePlan c : cases) {
            out.printf("%4d. %-" + width + "s  vmSpec %s (%d vCPU, %s, %s)  scenario %s%s  repetition %d%n",
                    index++, c.id(), c.vmSpec().name(), c.vmSpec().cores(),
                    Quantities.format(c.vmSpec().memoryBytes(), "bytes"), c.vmSpec().source().describe(), c.scenario(),
                    c.variant() == null ? "" : "  variant " + c.variantName(), c.repetition());
        }
        LoadsPrinter.print(pipeline, seed, out);
        out.printf("run it with: pvebench run %s --seed %d%n", pipeline.source(), seed);
    }
}
