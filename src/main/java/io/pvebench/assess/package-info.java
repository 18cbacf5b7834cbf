/**
 * Objectives and verdicts: checks a case's samples against the pipeline's objectives
 * and says pass, fail, broken or unknown (a check that cannot decide says unknown,
 * never pass).
 *
 * <p>Pure functions over samples and objectives. Must not import SSH, Proxmox,
 * Camel, Allure or the twin.
 */
package io.pvebench.assess;
