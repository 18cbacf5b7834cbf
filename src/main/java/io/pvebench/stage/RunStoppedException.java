package io.pvebench.stage;

import io.pvebench.PvebenchException;

/** The run was asked to stop (signal, CI abort) before a stage could start. */
public class RunStoppedException extends PvebenchException {

    public RunStoppedException(String reason) {
        super("run stopped: " + reason);
    }
}
