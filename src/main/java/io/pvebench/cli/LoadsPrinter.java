package io.pvebench.cli;

import io.pvebench.guest.GuestSize;
import io.pvebench.guest.LoadPlan;
import io.pvebench.guest.LoadRun;
import io.pvebench.pipeline.LoadProfile;
import io.pvebench.pipeline.MeasureSettings;
import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.VmSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code run --plan}'s second part: what each scenario runs in the guests of each VM spec,
 * exactly as the load stage will start it, and how long a case measures in cluster time,
 * so a person can check the load before it touches a cluster.
 */
final class LoadsPrinter {

    private LoadsPrinter() {
    }

    static void print(Pipeline pipeline, long seed, PrintStream out) {
        MeasureSettings measure = pipeline.measure();
        Duration measured = pipeline.measuredTime();
        out.printf("each case: warm-up %d s under load, then %d s of network tests (cluster time, without tool"
                + " start-up)%n", measure.warmup().toSeconds(), measured.toSeconds());
        for (String scenario : pipeline.scenarios()) {
            LoadProfile profile = pipeline.load(scenario);
            for (VmSpec spec : pipeline.vmSpecs()) {
                LoadPlan plan = LoadPlan.of(profile, new GuestSize(spec.cores(), spec.memoryBytes()),
                        measure.warmup().plus(measured), seed);
                out.printf("  %s on %s: %s%n", scenario, spec.name(), describe(plan.runs()));
            }
        }
    }

    private static String describe(List<LoadRun> runs) {
        if (runs.isEmpty()) {
            return "no load";
        }
        LoadRun first = runs.get(0);
        String steady = first.name().equals("steady") ? String.join(" ", first.argv().subList(0,
                first.argv().indexOf("--timeout"))) : "no steady load";
        long bursts = runs.stream().filter(r -> !r.name().equals("steady")).count();
        if (bursts == 0) {
            return steady;
        }
        LoadRun burst = runs.stream().filter(r -> !r.name().equals("steady")).findFirst().orElseThrow();
        return steady + "; plus " + bursts + " burst(s) of " + burst.length().toSeconds() + " s: "
                + String.join(" ", burst.argv().subList(0, burst.argv().indexOf("--timeout")));
    }
}
