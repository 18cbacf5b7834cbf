package io.pvebench.measure;

import io.pvebench.PvebenchException;

/** A tool's output did not have the shape its parser expects; the message says where. */
public class MalformedOutputException extends PvebenchException {

    public MalformedOutputException(String tool, String where) {
        super(tool + " output: " + where);
    }
}
