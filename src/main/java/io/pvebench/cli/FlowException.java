package io.pvebench.cli;

import io.pvebench.PvebenchException;

/** The route files could not be loaded or the flow itself failed outside any stage. */
public class FlowException extends PvebenchException {

    public FlowException(String message, Throwable cause) {
        super(message, cause);
    }
}
