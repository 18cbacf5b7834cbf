/**
 * Reporting, as listeners of run events: {@code summary.json} (the stable results
 * contract), JUnit XML, Allure results and their HTML (rendered by Allure's own
 * commandline), and the console's progress and summary.
 *
 * <p>Must not import SSH, Proxmox, stages, Camel or the twin: everything it shows
 * comes from {@code run} records.
 */
package io.pvebench.report;
