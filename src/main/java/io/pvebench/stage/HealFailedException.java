package io.pvebench.stage;

import io.pvebench.PvebenchException;

/** A fault pvebench injected could not be undone: the cluster is not as it was, a person must look. */
public final class HealFailedException extends PvebenchException {

    public HealFailedException(String message) {
        super(message);
    }
}
