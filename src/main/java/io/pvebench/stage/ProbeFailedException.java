package io.pvebench.stage;

import io.pvebench.PvebenchException;

/** A measuring tool could not do its job (server did not start, client could not connect). */
public class ProbeFailedException extends PvebenchException {

    public ProbeFailedException(String message) {
        super(message);
    }
}
