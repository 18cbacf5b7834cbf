/**
 * Objectives and verdicts: checks a case's samples against the pipeline's objectives
 * and says pass, fail, broken or unknown (a check that cannot decide says unknown,
 * never pass). Also the statistics over repetitions: {@link io.pvebench.assess.MetricSeries}
 * groups samples into one value per repetition, {@link io.pvebench.assess.Summaries}
 * summarises them (mean, median, percentiles, stdev, t and bootstrap confidence intervals),
 * and {@link io.pvebench.assess.StatisticCheck} holds a statistic to an objective.
 *
 * <p>Pure functions over samples and objectives; randomness (the bootstrap) comes from a
 * seed the caller passes. Must not import SSH, Proxmox, Camel, Allure or the twin.
 */
package io.pvebench.assess;
