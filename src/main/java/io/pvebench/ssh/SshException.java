package io.pvebench.ssh;

import io.pvebench.PvebenchException;

/** A host could not be reached, refused the login, or dropped the session mid-command. */
public class SshException extends PvebenchException {

    public SshException(String message) {
        super(message);
    }

    public SshException(String message, Throwable cause) {
        super(message, cause);
    }
}
