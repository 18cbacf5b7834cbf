package io.pvebench.schedule;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Plain (unpooled) sessions on the shared store, for work whose session must end when it ends. */
final class StoreConnections {

    private final SharedStore store;

    StoreConnections(SharedStore store) {
        this.store = store;
    }

    /** {@code message} without the store's URL query or password ({@link SharedStore#redact}). */
    String redact(String message) {
        return store.redact(message);
    }

    /** A new session; closing it ends the session and releases its advisory locks. */
    Connection open(String purpose) {
        Properties properties = new Properties();
        if (!store.user().isEmpty()) {
            properties.setProperty("user", store.user());
        }
        if (!store.password().isEmpty()) {
            properties.setProperty("password", store.password());
        }
        properties.setProperty("ApplicationName", "pvebench " + purpose);
        // a lock's session idles for a whole run: keep-alives keep firewalls from ending it (and the lock with it)
        properties.setProperty("tcpKeepAlive", "true");
        try {
            return DriverManager.getConnection(store.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw new ScheduleStoreException("cannot reach the shared schedule store at " + store.where() + " to "
                    + purpose + ": " + store.redact(e.getMessage()), e);
        }
    }
}
