package io.pvebench.run;

import io.pvebench.PvebenchException;

/** A folder that should hold a run cannot be read as one: not a run folder, or a file in it is malformed. */
public class UnreadableRunException extends PvebenchException {

    public UnreadableRunException(String message) {
        super(message);
    }
}
