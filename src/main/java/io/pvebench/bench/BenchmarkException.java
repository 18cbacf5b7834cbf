package io.pvebench.bench;

import io.pvebench.PvebenchException;

/** A benchmark could not produce its figures: a command failed, or its preparation did. */
public class BenchmarkException extends PvebenchException {

    public BenchmarkException(String message) {
        super(message);
    }

    public BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
