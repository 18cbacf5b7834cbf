/**
 * The journal of one run: its folder on disk (raw outputs, samples, results as each
 * case finishes), the record of each case (steps, samples, attachments, verdict) and
 * the events reporting listens to.
 *
 * <p>Belongs here: what a run leaves behind and announces. Must not import Camel,
 * Allure, the twin ({@code sim}) or the CLI; stages write to it, reports read it.
 */
package io.pvebench.run;
