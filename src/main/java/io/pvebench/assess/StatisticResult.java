package io.pvebench.assess;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@link StatisticObjective} checked against one group of the matrix.
 *
 * @param objective the objective
 * @param group     the group's labels ({@code vmSpec=small, scenario=idle}); empty when the
 *                  objective matched no group
 * @param verdict   pass, fail, or unknown when nothing was measured or there are too few
 *                  values for the statistic
 * @param observed  the statistic's value in the metric's base unit; null when unknown
 * @param message   a sentence a person reads ({@code throughput p05 9.38 Gbit/s >= 9 Gbit/s})
 */
public record StatisticResult(StatisticObjective objective, Map<String, String> group, Verdict verdict,
                              Double observed, String message) {

    public StatisticResult {
        group = Collections.unmodifiableMap(new TreeMap<>(group));
    }
}
