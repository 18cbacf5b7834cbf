package io.pvebench.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * Where scheduler instances share their schedule: a PostgreSQL database reached by JDBC. Every
 * instance pointed at the same database runs each firing once, recovers the runs of an instance that
 * died, and takes the per-cluster run lock there.
 *
 * @param jdbcUrl  {@code jdbc:postgresql://host[:port]/database}
 * @param user     database role, may be empty to let the URL or the driver decide
 * @param password may be empty; never printed ({@link #toString()} leaves it out)
 * @param checkin  how often an instance tells the others it is alive; an instance silent for longer
 *                 (plus Quartz's grace of 7.5 s) is taken for dead and its runs are recovered
 */
public record SharedStore(String jdbcUrl, String user, String password, Duration checkin) {

    private static final String SCHEME = "jdbc:postgresql://";

    public SharedStore {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        Objects.requireNonNull(checkin, "checkin");
        if (!jdbcUrl.startsWith(SCHEME) || jdbcUrl.length() == SCHEME.length()) {
            throw new IllegalArgumentException("the shared schedule store must be a PostgreSQL database, "
                    + SCHEME + "host[:port]/database; got '" + withoutQuery(jdbcUrl) + "'");
        }
        if (checkin.toMillis() < 500) {
            throw new IllegalArgumentException("the check-in interval must be at least 0.5 s, got " + checkin);
        }
    }

    /** The URL without its query, which may carry a password. */
    public String where() {
        return withoutQuery(jdbcUrl);
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    @Override
    public String toString() {
        return "SharedStore[" + where() + (user.isEmpty() ? "" : " as " + user) + ", check-in " + checkin + "]";
    }
}
