package io.pvebench.schedule;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Run locks shared by every scheduler instance on one PostgreSQL database: a session-level advisory
 * lock per cluster, held on a session of its own (not pooled) for the length of the run. When the instance
 * holding it dies, its connection ends and PostgreSQL releases the lock, so a recovered run can take it.
 *
 * <p>Waiting polls {@code pg_try_advisory_lock} rather than blocking in {@code pg_advisory_lock}, so a
 * scheduler that shuts down can interrupt a run still waiting for its cluster. Across instances the order
 * of waiting runs is not guaranteed (within one instance the {@link LocalClusterLocks} in front keeps it).
 */
final class DatabaseClusterLocks implements ClusterLocks {

    /** Separates pvebench's advisory-lock keys from any other application's on the same database. */
    private static final String NAMESPACE = "pvebench.cluster:";

    private final StoreConnections database;
    private final Duration poll;
    private final ClusterLocks local = new LocalClusterLocks();

    DatabaseClusterLocks(StoreConnections database, Duration poll) {
        this.database = database;
        this.poll = poll;
    }

    @Override
    public Lease acquire(String cluster) throws InterruptedException {
        Lease inProcess = local.acquire(cluster);
        long key = key(cluster);
        try {
            Connection connection = database.open("lock cluster " + cluster);
            try {
                while (!tryLock(connection, key)) {
                    Thread.sleep(poll.toMillis());
                }
            } catch (InterruptedException | RuntimeException e) {
                closeQuietly(connection);
                throw e;
            }
            return () -> {
                try (connection) {
                    unlock(connection, key);
                } catch (SQLException e) {
                    // closing the session releases its advisory locks anyway
                } finally {
                    inProcess.close();
                }
            };
        } catch (InterruptedException | RuntimeException e) {
            inProcess.close();
            throw e;
        }
    }

    /** A stable 64-bit key per cluster, the same in every instance and JVM. */
    static long key(String cluster) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((NAMESPACE + cluster).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private boolean tryLock(Connection connection, long key) {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new ScheduleStoreException("cannot lock a cluster in the shared schedule store: "
                    + database.redact(e.getMessage()), e);
        }
    }

    private static void unlock(Connection connection, long key) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
            unlock.execute();
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // the session is gone either way; its locks with it
        }
    }
}
