package io.pvebench.assess;

import io.pvebench.pipeline.Objective;

/**
 * One objective checked against one case.
 *
 * @param objective the objective as the pipeline states it
 * @param verdict   pass, fail, or unknown when no sample of the metric exists
 * @param observed  the value that decided (the worst sample against the bound), in the
 *                  metric's base unit; null when unknown
 * @param message   a sentence a person reads ({@code throughput 9.41 Gbit/s >= 9 Gbit/s})
 */
public record ObjectiveResult(Objective objective, Verdict verdict, Double observed, String message) {
}
