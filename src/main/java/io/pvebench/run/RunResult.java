package io.pvebench.run;

import io.pvebench.assess.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A finished run.
 *
 * @param info        what was known at the start
 * @param environment facts about the cluster read in preflight (PVE version, nodes)
 * @param cases       every case that ran (a run broken in preflight has all cases broken)
 * @param end         when it ended
 */
public record RunResult(RunInfo info, Map<String, String> environment, List<CaseResult> cases, Instant end) {

    public RunResult {
        // insertion order kept, so files written from it read the same in every run
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        cases = List.copyOf(cases);
    }

    public Verdict verdict() {
        return Verdict.overall(cases.stream().map(c -> c.assessment().verdict()).toList());
    }
}
