package io.pvebench.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Creates Quartz's tables in the shared store the first time an instance meets it, from the schema
 * Quartz ships for PostgreSQL. Instances starting together take an advisory lock first, so one creates
 * and the others find the tables. Existing tables are never dropped (the shipped script begins by
 * dropping them: those statements are left out).
 */
final class QuartzTables {

    private static final String SCHEMA = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";
    private static final long SETUP_LOCK = DatabaseClusterLocks.key("quartz-schema");

    private QuartzTables() {
    }

    /** @return true when this call created the tables */
    static boolean ensure(StoreConnections database) {
        try (Connection connection = database.open("set up the schedule tables")) {
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_lock(?)")) {
                lock.setLong(1, SETUP_LOCK);
                lock.execute();
            }
            if (exist(connection)) {
                return false;
            }
            connection.setAutoCommit(false);
            try (Statement create = connection.createStatement()) {
                for (String statement : creatingStatements()) {
                    create.execute(statement);
                }
            }
            connection.commit();
            return true;
        } catch (SQLException e) {
            throw new ScheduleStoreException("cannot create Quartz's tables in the shared schedule store: "
                    + database.redact(e.getMessage()) + " (the role needs CREATE on the database's schema, or create them with "
                    + "Quartz's tables_postgres.sql)", e);
        }
    }

    private static boolean exist(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
             ResultSet result = query.executeQuery("select to_regclass('qrtz_job_details') is not null")) {
            return result.next() && result.getBoolean(1);
        }
    }

    /** The shipped script's statements without its comments, DROPs and COMMIT. */
    static List<String> creatingStatements() {
        String script;
        try (InputStream in = QuartzTables.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("Quartz's PostgreSQL schema " + SCHEMA + " is not on the class path");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Quartz's PostgreSQL schema", e);
        }
        String code = script.lines().filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n"));
        return Arrays.stream(code.split(";")).map(String::strip).filter(statement -> !statement.isEmpty())
                .filter(statement -> !statement.toUpperCase().startsWith("DROP ")
                        && !statement.equalsIgnoreCase("COMMIT"))
                .toList();
    }
}
