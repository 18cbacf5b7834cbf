package io.pvebench.run;

import io.pvebench.PvebenchException;

/** A folder given as a run folder is not one, or cannot be read; the message names the file and why. */
public final class RunFolderException extends PvebenchException {

    public RunFolderException(String message) {
        super(message);
    }
}
