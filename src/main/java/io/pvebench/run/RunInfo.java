package io.pvebench.run;

import io.pvebench.pipeline.CasePlan;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What is known of a run when it starts.
 *
 * @param runId     unique id, also the run folder's name
 * @param pipeline  the pipeline's name
 * @param source    the pipeline file
 * @param cluster   the cluster's name ({@code twin} for the embedded twin)
 * @param seed      the seed of every random choice (twin, case order)
 * @param folder    the run folder
 * @param start     when the run started
 * @param cases     the planned cases, in the order they run
 */
public record RunInfo(String runId, String pipeline, Path source, String cluster, long seed, Path folder,
                      Instant start, List<CasePlan> cases) {

    public RunInfo {
        cases = List.copyOf(cases);
    }
}
