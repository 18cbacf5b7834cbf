package io.pvebench.assess;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Locale;

/**
 * The outcome of a case, an objective or a run. Three values say what was seen
 * (pass, fail, unknown); {@link #BROKEN} says the infrastructure kept us from seeing it.
 */
public enum Verdict {
    PASS,
    FAIL,
    /** Nothing to decide on: the metric was never measured, or the check could not run. */
    UNKNOWN,
    /** An infrastructure fault (SSH drop, timeout, node down) ended the case early. */
    BROKEN;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The verdict of several: broken dominates (the run cannot be trusted), then fail,
     * then unknown; pass only when every part passed. An empty collection is unknown.
     */
    public static Verdict overall(Collection<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return UNKNOWN;
        }
        if (verdicts.contains(BROKEN)) {
            return BROKEN;
        }
        if (verdicts.contains(FAIL)) {
            return FAIL;
        }
        return verdicts.contains(UNKNOWN) ? UNKNOWN : PASS;
    }

    /** Process exit code for a run with this overall verdict: 0 pass, 1 fail or unknown, 3 broken. */
    public int exitCode() {
        return switch (this) {
            case PASS -> 0;
            case FAIL, UNKNOWN -> 1;
            case BROKEN -> 3;
        };
    }
}
