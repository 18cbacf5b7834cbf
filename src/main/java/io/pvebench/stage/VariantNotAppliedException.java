package io.pvebench.stage;

import io.pvebench.PvebenchException;

/** A configuration variant could not be brought about, or what one changed could not be put back; the message says what. */
public class VariantNotAppliedException extends PvebenchException {

    public VariantNotAppliedException(String message) {
        super(message);
    }
}
