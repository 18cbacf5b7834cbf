package io.pvebench.guest;

import io.pvebench.PvebenchException;

/** A command could not be run inside a guest: no agent, wrong node, or a guest-side timeout. */
public class GuestAgentException extends PvebenchException {

    public GuestAgentException(String message) {
        super(message);
    }
}
