package io.pvebench.ha;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether the HA stack fences and recovers: the 9.2 {@code fencing} line of
 * {@code ha-manager status} ({@code Status.pm}); before 9.2 there is no such line.
 *
 * @param state        the armed state
 * @param resourceMode {@code freeze} or {@code ignore} while disarming or disarmed
 */
public record Arming(State state, Optional<String> resourceMode) {

    /** {@code armed-state} of the fencing entry. */
    public enum State {
        /** The CRM master holds its watchdog. */
        ARMED,
        /** No CRM is active as master. */
        STANDBY,
        /** {@code disarm-ha} requested, LRMs still releasing. */
        DISARMING,
        /** Every LRM released lock and watchdog: nothing is fenced or recovered. */
        DISARMED,
        /** Before 9.2: the status has no fencing line; the stack is armed whenever a CRM is master. */
        NOT_REPORTED
    }

    public Arming {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(resourceMode, "resourceMode");
    }

    public static Arming armed() {
        return new Arming(State.ARMED, Optional.empty());
    }

    public static Arming notReported() {
        return new Arming(State.NOT_REPORTED, Optional.empty());
    }

    public static Arming disarmed(String mode) {
        return new Arming(State.DISARMED, Optional.of(mode));
    }
}
