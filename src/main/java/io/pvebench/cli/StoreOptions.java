package io.pvebench.cli;

import io.pvebench.schedule.SharedStore;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --store URL [--checkin SECONDS]}: the PostgreSQL database scheduler instances share their
 * schedule through. The role and password come from the environment ({@code PVEBENCH_STORE_USER},
 * {@code PVEBENCH_STORE_PASSWORD}), never from the command line, where every user of the machine sees them.
 */
final class StoreOptions {

    static final String USER = "PVEBENCH_STORE_USER";
    static final String PASSWORD = "PVEBENCH_STORE_PASSWORD";

    @Option(names = "--store", paramLabel = "URL",
            description = "the PostgreSQL database the schedule is shared through, jdbc:postgresql://host[:port]/database"
                    + " (role and password from " + USER + " and " + PASSWORD + ")")
    String store;

    @Option(names = "--checkin", paramLabel = "SECONDS", defaultValue = "7.5",
            description = "with --store: how often this instance tells the others it is alive; one silent for "
                    + "this long plus 7.5 s is taken for dead and its run recovered (default: ${DEFAULT-VALUE})")
    double checkinSeconds;

    /** The store named, or empty without {@code --store}. */
    Optional<SharedStore> sharedStore(Map<String, String> environment) {
        if (store == null) {
            return Optional.empty();
        }
        if (!(checkinSeconds >= 0.5) || checkinSeconds > 3600) {
            throw new InvalidInputException("--checkin must be between 0.5 and 3600 seconds, got " + checkinSeconds);
        }
        try {
            return Optional.of(new SharedStore(store, environment.get(USER), environment.get(PASSWORD),
                    Duration.ofMillis(Math.round(checkinSeconds * 1000))));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--store: " + e.getMessage());
        }
    }
}
