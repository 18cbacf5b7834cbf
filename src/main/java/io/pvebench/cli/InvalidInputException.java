package io.pvebench.cli;

import io.pvebench.PvebenchException;

/** A command-line argument or a file it names cannot be used (exit code 2). */
public class InvalidInputException extends PvebenchException {

    public InvalidInputException(String message) {
        super(message);
    }
}
