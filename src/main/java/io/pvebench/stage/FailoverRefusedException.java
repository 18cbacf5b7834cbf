package io.pvebench.stage;

import io.pvebench.PvebenchException;

/** A failover that must not or cannot be done here: the case is broken with the reason, nothing was failed. */
public final class FailoverRefusedException extends PvebenchException {

    public FailoverRefusedException(String message) {
        super(message);
    }
}
