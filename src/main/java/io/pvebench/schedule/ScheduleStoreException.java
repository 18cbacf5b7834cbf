package io.pvebench.schedule;

import io.pvebench.PvebenchException;

/** The schedule's store (shared, or in memory) cannot be reached or set up; the message says which and why. */
public final class ScheduleStoreException extends PvebenchException {

    public ScheduleStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
