package io.pvebench.run;

/** How one stage of a case ended. */
public enum StepStatus {
    PASSED,
    /** The stage could not do its work: an SSH drop, a timeout, a node down. */
    BROKEN,
    /** The stage did not run because an earlier one broke. */
    SKIPPED
}
