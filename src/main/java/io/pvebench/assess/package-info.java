/**
 * Objectives and verdicts: checks a case's samples against the pipeline's objectives
 * and says pass, fail, broken or unknown (a check that cannot decide says unknown,
 * never pass). Also the statistics over repetitions: {@link io.pvebench.assess.MetricSeries}
 * groups samples into matrix cells ({@link io.pvebench.assess.MetricSeries#CELL}) with one
 * value per repetition, {@link io.pvebench.assess.Summaries} summarises them (mean, median,
 * percentiles, stdev, t and bootstrap confidence intervals), and
 * {@link io.pvebench.assess.StatisticCheck} holds a cell's statistic to an objective. Both
 * kinds of objective share one bounds rule ({@code BoundsCheck}) and one rule for which
 * samples count ({@link io.pvebench.assess.JudgedSamples}: never the warm-up).
 *
 * <p>Pure functions over samples and objectives; randomness (the bootstrap) comes from a
 * seed the caller passes. Must not import SSH, Proxmox, Camel, Allure or the twin.
 */
package io.pvebench.assess;
