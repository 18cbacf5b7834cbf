package io.pvebench.stage;

import io.pvebench.PvebenchException;
import java.util.List;

/** The cluster does not match what the pipeline needs; the message lists every mismatch. */
public class PreflightException extends PvebenchException {

    public PreflightException(List<String> problems) {
        super("preflight: " + String.join("; ", problems));
    }
}
