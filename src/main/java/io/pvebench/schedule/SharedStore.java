package io.pvebench.schedule;

import org.postgresql.Driver;

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
                    + SCHEME + "host[:port]/database; got '" + withoutSecrets(jdbcUrl) + "'");
        }
        String authority = jdbcUrl.substring(SCHEME.length()).split("[/?]", 2)[0];
        if (authority.contains("@")) {
            throw new IllegalArgumentException("the store's URL names its role (and maybe password) before '@': "
                    + "JDBC does not read that; give the role in PVEBENCH_STORE_USER and the password in "
                    + "PVEBENCH_STORE_PASSWORD, and the URL as " + SCHEME + "host[:port]/database");
        }
        // the driver's own complaint about a URL it cannot read quotes the URL whole, query and all
        if (Driver.parseURL(jdbcUrl, null) == null) {
            throw new IllegalArgumentException("'" + withoutSecrets(jdbcUrl) + "' is not a PostgreSQL JDBC URL: "
                    + SCHEME + "host[:port]/database, the port a number up to 65535");
        }
        if (checkin.toMillis() < 500) {
            throw new IllegalArgumentException("the check-in interval must be at least 0.5 s, got " + checkin);
        }
    }

    /** The URL without its query, which may carry a password. */
    public String where() {
        return withoutSecrets(jdbcUrl);
    }

    /**
     * {@code message} (a driver's or Quartz's) with the URL and the password taken out: such messages
     * may quote the URL whole, query included.
     */
    public String redact(String message) {
        String out = message == null ? "" : message.replace(jdbcUrl, where());
        return password.isEmpty() ? out : out.replace(password, "…");
    }

    private static String withoutSecrets(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query) + "?…";
        int at = base.indexOf('@');
        return at < 0 ? base : SCHEME + "…" + base.substring(at);
    }

    @Override
    public String toString() {
        return "SharedStore[" + where() + (user.isEmpty() ? "" : " as " + user) + ", check-in " + checkin + "]";
    }
}
