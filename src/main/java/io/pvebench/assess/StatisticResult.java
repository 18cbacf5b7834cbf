package io.pvebench.assess;

import io.pvebench.pipeline.StatisticObjective;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@link StatisticObjective} checked against one cell of the matrix.
 *
 * @param objective   the objective
 * @param group       the cell's labels ({@code vmSpec=small, scenario=idle}), sorted by key;
 *                    empty when the objective matched no cell
 * @param verdict     pass, fail, or unknown when nothing was measured or there are too few
 *                    repetitions for the statistic
 * @param observed    the statistic's value in the metric's base unit; null when unknown
 * @param message     a sentence a person reads ({@code throughput p05 9.38 Gbit/s >= 9 Gbit/s})
 * @param repetitions the value each repetition contributed, by repetition label, in order;
 *                    empty when nothing was measured
 */
public record StatisticResult(StatisticObjective objective, Map<String, String> group, Verdict verdict,
                              Double observed, String message, Map<String, Double> repetitions) {

    public StatisticResult {
        group = Collections.unmodifiableMap(new TreeMap<>(group));
        repetitions = Collections.unmodifiableMap(new LinkedHashMap<>(repetitions));
    }
}
