/**
 * Reporting, as listeners of run events: {@code summary.json} (the stable results
 * contract), JUnit XML, the matrix across repetitions, Allure results and their HTML
 * (rendered by Allure's own commandline, its trend history kept per cluster and pipeline by
 * {@link io.pvebench.report.AllureHistory}), and the console's progress and summary; also a
 * comparison of two runs as Allure results ({@link io.pvebench.report.ComparisonResults}). A
 * case's time series as CSV and charts are made in {@code report.timeline}, which
 * {@link io.pvebench.report.AllureResults} calls for each case.
 *
 * <p>Must not import SSH, Proxmox, stages, Camel or the twin: everything it shows
 * comes from {@code run} records.
 */
package io.pvebench.report;
