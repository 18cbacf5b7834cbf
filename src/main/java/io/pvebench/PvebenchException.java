package io.pvebench;

/**
 * Root of every failure pvebench names. Each subclass names one kind of failure
 * (an invalid pipeline, a command that timed out, a lost SSH session) so callers
 * can decide between "invalid input", "broken infrastructure" and a bug.
 */
public class PvebenchException extends RuntimeException {

    public PvebenchException(String message) {
        super(message);
    }

    public PvebenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
