package io.pvebench.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian's package for a test: a database cluster of its own in a temporary
 * directory, listening on 127.0.0.1 at a free port only, password authentication (scram) for one role.
 * As root it runs as the package's {@code postgres} user (PostgreSQL refuses to run as root). Skipped,
 * or failed under {@code PVEBENCH_REQUIRE_TOOLS=1}, when the package is missing.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "pvebench";
    public static final String PASSWORD = "test-only-" + Long.toHexString(System.nanoTime());

    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean asPostgresUser;
    private final java.util.concurrent.atomic.AtomicInteger databases = new java.util.concurrent.atomic.AtomicInteger();

    private LocalPostgres(Path dir, Path bin, int port, boolean asPostgresUser) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    private static LocalPostgres shared;

    /**
     * One server for every test of the JVM that asks, started at the first ask and stopped when the JVM
     * ends; tests keep apart by a database each ({@link #newDatabase}).
     */
    public static synchronized LocalPostgres shared() throws Exception {
        if (shared == null) {
            LocalPostgres server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    System.err.println("could not stop the test's PostgreSQL in " + server.dir + ": " + e);
                }
            }, "stop-test-postgres"));
            shared = server;
        }
        return shared;
    }

    public static LocalPostgres start() throws Exception {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("pvebench-pg-");
        Path data = dir.resolve("data");
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        if (root) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
            Files.setOwner(passwordFile, users.lookupPrincipalByName("postgres"));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        LocalPostgres server = new LocalPostgres(dir, bin, freePort(), root);
        server.exec("initdb", "-D", data.toString(), "-U", USER, "--pwfile=" + passwordFile, "--auth=scram-sha-256",
                "-E", "UTF8", "--locale=C");
        Files.deleteIfExists(passwordFile);
        server.exec("pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-c listen_addresses=127.0.0.1 -p " + server.port + " -c unix_socket_directories=" + dir
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");
        server.exec("createdb", "-h", "127.0.0.1", "-p", String.valueOf(server.port), "-U", USER, "pvebench");
        return server;
    }

    public String jdbcUrl() {
        return jdbcUrl("pvebench");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * A new, empty database on this server, for a test that must not see another's tables; its URL. The
     * name gets a number, so tests sharing the server may choose the same one.
     */
    public String newDatabase(String name) throws SQLException {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database names here are lower-case identifiers: " + name);
        }
        String unique = name + "_" + databases.incrementAndGet();
        try (Connection connection = connect(); java.sql.Statement create = connection.createStatement()) {
            create.execute("create database " + unique);
        }
        return jdbcUrl(unique);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    private void exec(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        builder.environment().put("PGPASSWORD", PASSWORD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(tool + " failed: " + output + log());
        }
    }

    private String log() {
        try {
            Path log = dir.resolve("server.log");
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws Exception {
        try {
            exec("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Debian keeps the server's tools off the PATH, under /usr/lib/postgresql/VERSION/bin. */
    private static Path binaries() throws IOException {
        Optional<Path> newest = Optional.empty();
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                newest = versions.map(version -> version.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparing(b -> versionOf(b.getParent())));
            }
        }
        if (newest.isPresent()) {
            return newest.get();
        }
        return RequiredTools.require("initdb", "postgresql").getParent();
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
